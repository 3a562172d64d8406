using Maxmontaj.Core.Common;

namespace Maxmontaj.Core.Notifications;

/// <summary>Until the messenger outbox lands, notifications are stored for it to send; nothing is lost meanwhile.</summary>
public sealed class StoredNotificationSink(IMaxmontajDbFactory dbFactory, TimeProvider time) : INotificationSink
{
    public async Task NotifyAsync(Guid userId, string kind, Guid? orderId, string text, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        db.Notifications.Add(new Notification
        {
            UserId = userId,
            Kind = kind,
            OrderId = orderId,
            Text = text.Length > 1000 ? text[..1000] : text,
            CreatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}

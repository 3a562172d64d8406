using Maxmontaj.Core.Common;

namespace Maxmontaj.Core.Notifications;

/// <summary>Queues a notification on its own, for events that change nothing else.</summary>
public sealed class StoredNotificationSink(IMaxmontajDbFactory dbFactory, TimeProvider time) : INotificationSink
{
    public async Task NotifyAsync(Guid userId, string kind, Guid? orderId, string text, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        Outbox.Enqueue(db, userId, kind, orderId, text, $"{kind}:{orderId}:{userId}:{Guid.NewGuid():N}", time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }
}

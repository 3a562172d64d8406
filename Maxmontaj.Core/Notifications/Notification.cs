namespace Maxmontaj.Core.Notifications;

/// <summary>Something to tell a person who was not looking: stored now, sent by the messenger outbox when it lands.</summary>
public class Notification
{
    public long Id { get; set; }
    public Guid UserId { get; set; }
    public string Kind { get; set; } = "";
    public Guid? OrderId { get; set; }
    public string Text { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

/// <summary>Hands a message to the notification service for someone who has no page open.</summary>
public interface INotificationSink
{
    /// <summary>Records a notification for <paramref name="userId"/>; it is delivered through their channels later.</summary>
    Task NotifyAsync(Guid userId, string kind, Guid? orderId, string text, CancellationToken cancellationToken = default);
}

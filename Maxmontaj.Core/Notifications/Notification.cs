namespace Maxmontaj.Core.Notifications;

public enum NotificationStatus
{
    Pending,
    Delivered,
    Failed,
    Discarded,
}

/// <summary>
/// An outbox entry: written in the same transaction as the change that causes it, then delivered by the outbox dispatcher
/// through the recipient's channels in order, with retries, and recorded attempt by attempt.
/// </summary>
public class Notification
{
    public long Id { get; set; }
    public Guid UserId { get; set; }
    public string Kind { get; set; } = "";
    public Guid? OrderId { get; set; }

    /// <summary>The message; a one-time link in it is stored sealed (<see cref="SealedText"/>) and opened only when sending.</summary>
    public string Text { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was delivered.</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Unique per event and recipient, so the same event never queues two notifications.</summary>
    public string IdempotencyKey { get; set; } = "";
    public NotificationStatus Status { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Index into the recipient's channel order of the channel being tried.</summary>
    public int ChannelIndex { get; set; }
    public int AttemptsOnChannel { get; set; }
    public string? DeliveredVia { get; set; }
    public string? LastError { get; set; }

    /// <summary>For someone without an account yet (an applicant): the one channel and address to use, "Telegram:12345".</summary>
    public string? DirectAddress { get; set; }
}

/// <summary>One try to deliver a notification through one channel.</summary>
public class NotificationAttempt
{
    public long Id { get; set; }
    public long NotificationId { get; set; }
    public string Channel { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public bool Succeeded { get; set; }
    public string? Error { get; set; }

    /// <summary>The messenger's id of the sent message, for its delivery callbacks.</summary>
    public string? ProviderMessageId { get; set; }

    /// <summary>The last delivery status the messenger reported (sent, delivered, read, failed).</summary>
    public string? ProviderStatus { get; set; }
}

/// <summary>
/// Claimed before a send through a channel: a notification is sent through a channel at most once, even if the app stops
/// between the send and recording it. A claim without an outcome means "maybe sent": the dispatcher moves to the next channel.
/// </summary>
public class NotificationSend
{
    public long NotificationId { get; set; }
    public string Channel { get; set; } = "";
    public DateTimeOffset ClaimedAt { get; set; }
    public bool? Succeeded { get; set; }
}

/// <summary>Queues a notification in the current unit of work, so it commits or rolls back with the change that causes it.</summary>
public static class Outbox
{
    /// <summary>The kind of a bot's answer in the chat it was asked in (<c>RegistrationConversation.ReplyKind</c>).</summary>
    public const string ChatAnswerKind = "bot";

    /// <summary>An answer in a chat is sent at least once: a timed-out send is tried again in the same chat.</summary>
    public static bool IsChatAnswer(string kind) => kind == ChatAnswerKind;

    /// <summary>
    /// Queues a message to exactly one chat (<paramref name="channel"/>:<paramref name="address"/>): a chat that belongs to no
    /// account yet, such as a contractor's application, or the chat a known person just wrote from (<paramref name="userId"/>).
    /// </summary>
    public static void EnqueueDirect(Common.IMaxmontajDb db, string channel, string address, string kind, string text, string idempotencyKey, DateTimeOffset now,
        Guid? userId = null)
    {
        Enqueue(db, userId ?? Guid.Empty, kind, null, text, idempotencyKey, now);
        db.Notifications.Local.Last().DirectAddress = $"{channel}:{address}";
    }

    public static void Enqueue(Common.IMaxmontajDb db, Guid userId, string kind, Guid? orderId, string text, string idempotencyKey, DateTimeOffset now) =>
        db.Notifications.Add(new Notification
        {
            UserId = userId,
            Kind = kind,
            OrderId = orderId,
            // A sealed link is never cut: cut, it could not be opened.
            Text = text.Length > 1000 && !SealedText.IsSealed(text) ? text[..1000] : text,
            CreatedAt = now,
            NextAttemptAt = now,
            IdempotencyKey = idempotencyKey.Length > 100 ? idempotencyKey[..100] : idempotencyKey,
        });
}

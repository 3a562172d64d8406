namespace Maxmontaj.Core.Notifications;

/// <summary>Who a notification goes to, with the addresses each channel needs.</summary>
public sealed record NotificationRecipient(Guid UserId, string FullName, string? Email, string? Phone, long? TelegramChatId);

public enum DeliveryOutcome
{
    /// <summary>The channel accepted the message.</summary>
    Sent,

    /// <summary>A passing failure (5xx, 429, refused connection): the next channel now, or this one again later if it is the last.</summary>
    Retry,

    /// <summary>This channel cannot deliver this message (blocked bot, no chat, closed window): use the next one.</summary>
    GiveUp,

    /// <summary>The channel may or may not have delivered (the send timed out): never again through it, the next channel now.</summary>
    Unknown,
}

/// <summary>
/// What a channel did; <see cref="ProviderMessageId"/> lets later delivery callbacks find the attempt; <see cref="RetryAfter"/>
/// is how long the messenger asked us to wait (429 retry_after / Retry-After).
/// </summary>
public sealed record DeliveryResult(DeliveryOutcome Outcome, string? Error = null, string? ProviderMessageId = null, TimeSpan? RetryAfter = null);

/// <summary>A way to reach people: Telegram, WhatsApp, email. Implemented next to each messenger's integration.</summary>
public interface INotificationChannel
{
    /// <summary>The name users choose in their channel order: "Telegram", "WhatsApp", "Email".</summary>
    string Name { get; }

    /// <summary>True when the channel is configured and the recipient has an address on it.</summary>
    bool CanReach(NotificationRecipient recipient);

    Task<DeliveryResult> SendAsync(NotificationRecipient recipient, string text, CancellationToken cancellationToken);
}

namespace Maxmontaj.Core.Notifications;

/// <summary>Who a notification goes to, with the addresses each channel needs.</summary>
public sealed record NotificationRecipient(Guid UserId, string FullName, string? Email, string? Phone, long? TelegramChatId);

public enum DeliveryOutcome
{
    /// <summary>The channel accepted the message.</summary>
    Sent,

    /// <summary>A passing failure (5xx, timeout, refused connection): try this channel again later.</summary>
    Retry,

    /// <summary>This channel cannot deliver this message (blocked bot, no chat, closed window): use the next one.</summary>
    GiveUp,
}

/// <summary>What a channel did; <see cref="ProviderMessageId"/> lets later delivery callbacks find the attempt.</summary>
public sealed record DeliveryResult(DeliveryOutcome Outcome, string? Error = null, string? ProviderMessageId = null);

/// <summary>A way to reach people: Telegram, WhatsApp, email. Implemented next to each messenger's integration.</summary>
public interface INotificationChannel
{
    /// <summary>The name users choose in their channel order: "Telegram", "WhatsApp", "Email".</summary>
    string Name { get; }

    /// <summary>True when the channel is configured and the recipient has an address on it.</summary>
    bool CanReach(NotificationRecipient recipient);

    Task<DeliveryResult> SendAsync(NotificationRecipient recipient, string text, CancellationToken cancellationToken);
}

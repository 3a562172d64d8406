namespace Maxmontaj.Web.Integrations.Telegram;

/// <summary>The "Telegram" section. With no token, the Telegram channel is off.</summary>
public sealed class TelegramOptions
{
    public const string Section = "Telegram";

    public string? Token { get; set; }

    /// <summary>The bot's @username, for t.me deep links from the profile page.</summary>
    public string? BotUsername { get; set; }

    /// <summary>The Bot API address; tests point it at a local fake.</summary>
    public string BaseUrl { get; set; } = "https://api.telegram.org";

    /// <summary>The secret Telegram sends in X-Telegram-Bot-Api-Secret-Token; without it the webhook refuses everything.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>"Webhook" (Telegram calls us) or "Polling" (we ask Telegram, for servers without public HTTPS).</summary>
    public string Mode { get; set; } = "Webhook";
}

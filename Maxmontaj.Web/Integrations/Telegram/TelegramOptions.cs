namespace Maxmontaj.Web.Integrations.Telegram;

/// <summary>The "Telegram" section. With no token, the Telegram channel is off.</summary>
public sealed class TelegramOptions
{
    public const string Section = "Telegram";

    public string? Token { get; set; }

    /// <summary>The Bot API address; tests point it at a local fake.</summary>
    public string BaseUrl { get; set; } = "https://api.telegram.org";
}

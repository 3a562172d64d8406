namespace Maxmontaj.Web.Integrations.WhatsApp;

/// <summary>The "WhatsApp" section (Business Cloud API). Without an access token the channel is off.</summary>
public sealed class WhatsAppOptions
{
    public const string Section = "WhatsApp";

    public string BaseUrl { get; set; } = "https://graph.facebook.com/v21.0/";
    public string? AccessToken { get; set; }
    public string? PhoneNumberId { get; set; }

    /// <summary>The business number customers write to (shown with the phone-verification code), e.g. "+79001234567".</summary>
    public string? BusinessNumber { get; set; }

    /// <summary>The token Meta echoes in the webhook verification handshake.</summary>
    public string? VerifyToken { get; set; }

    /// <summary>The app secret that signs every webhook POST (X-Hub-Signature-256).</summary>
    public string? AppSecret { get; set; }

    /// <summary>An approved template for messages outside the 24-hour window, with one body parameter; none means "give up".</summary>
    public string? TemplateName { get; set; }
    public string TemplateLanguage { get; set; } = "ru";
}

using Maxmontaj.Web.Integrations.Telegram;
using Maxmontaj.Web.Integrations.WhatsApp;
using Maxmontaj.Web.Links;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Web.Integrations;

/// <summary>What the admin page shows about the webhooks: the addresses to register and the last Telegram registration.</summary>
public sealed record BotWebhookInfo(
    string? TelegramAddress, string TelegramMode, bool TelegramSecretSet, DateTimeOffset? TelegramRegisteredAt, string? TelegramError,
    string? WhatsAppCallbackUrl, bool WhatsAppVerifyTokenSet, bool WhatsAppAppSecretSet);

/// <summary>The webhook addresses (from <c>App:PublicBaseUrl</c>) and the outcome of the last <c>setWebhook</c> at start.</summary>
public sealed class BotWebhooks(IOptions<PublicAddressOptions> address, IOptionsMonitor<TelegramOptions> telegram, IOptionsMonitor<WhatsAppOptions> whatsApp)
{
    public const string TelegramPath = "telegram/webhook";
    public const string WhatsAppPath = "whatsapp/webhook";

    private (DateTimeOffset? At, string? Error) _telegram;

    /// <summary>The absolute address of a webhook path, or null without a public address.</summary>
    public string? Address(string path) =>
        string.IsNullOrWhiteSpace(address.Value.PublicBaseUrl) ? null : new Uri(new Uri(address.Value.PublicBaseUrl.TrimEnd('/') + "/"), path).AbsoluteUri;

    public void TelegramRegistered(DateTimeOffset at) => _telegram = (at, null);

    public void TelegramFailed(string error) => _telegram = (null, error);

    public BotWebhookInfo Info()
    {
        var tg = telegram.CurrentValue;
        var wa = whatsApp.CurrentValue;
        var registration = _telegram;
        return new BotWebhookInfo(Address(TelegramPath), tg.Mode, !string.IsNullOrEmpty(tg.WebhookSecret), registration.At, registration.Error,
            Address(WhatsAppPath), !string.IsNullOrEmpty(wa.VerifyToken), !string.IsNullOrEmpty(wa.AppSecret));
    }
}

using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;

namespace Maxmontaj.Web.Integrations.Telegram;

/// <summary>
/// At start, in webhook mode with a token, a secret and a public address: tells Telegram where to send updates
/// (<c>setWebhook</c> with <c>secret_token</c>, messages only). A failure is logged and shown on the admin page, never fatal:
/// the app runs, and the next start tries again.
/// </summary>
public sealed class TelegramWebhookRegistration(
    IOptionsMonitor<TelegramOptions> options, BotWebhooks webhooks, IHttpClientFactory httpClients, TimeProvider time, ILogger<TelegramWebhookRegistration> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.CurrentValue;
        var url = webhooks.Address(BotWebhooks.TelegramPath);
        if (settings.Mode != "Webhook" || string.IsNullOrWhiteSpace(settings.Token) || string.IsNullOrWhiteSpace(settings.WebhookSecret) || url is null)
        {
            return;
        }

        try
        {
            var client = new TelegramBotClient(new TelegramBotClientOptions(settings.Token, baseUrl: settings.BaseUrl), httpClients.CreateClient(TelegramChannel.HttpClientName));
            await client.SetWebhook(url, allowedUpdates: [UpdateType.Message], secretToken: settings.WebhookSecret, cancellationToken: stoppingToken);
            webhooks.TelegramRegistered(time.GetUtcNow());
            logger.LogInformation("Telegram webhook registered at {Url}", url);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            webhooks.TelegramFailed(exception.GetType().Name + ": " + exception.Message);
            logger.LogWarning(exception, "Could not register the Telegram webhook at {Url}; Telegram sends nothing until it is registered", url);
        }
    }
}

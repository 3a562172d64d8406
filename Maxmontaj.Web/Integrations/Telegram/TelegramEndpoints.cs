using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Maxmontaj.Web.Integrations.Telegram;

public static class TelegramEndpoints
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>
    /// The webhook: only Telegram, proven by the secret header, compared in constant time before the body is read; the body is
    /// capped at 1 MB (413); each update id handled once;
    /// an authenticated body that is not a usable update answers 200 (logged), so Telegram does not redeliver it forever.
    /// </summary>
    public static IEndpointRouteBuilder MapTelegramEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/telegram/webhook", async (HttpRequest request, IOptionsMonitor<TelegramOptions> options, TelegramBot bot, ILogger<TelegramBot> logger,
            CancellationToken ct) =>
        {
            var secret = options.CurrentValue.WebhookSecret;
            var given = request.Headers[SecretHeader].ToString();
            if (string.IsNullOrEmpty(secret) || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(secret)))
            {
                return Results.Unauthorized();
            }

            var read = await Integrations.WebhookBody.ReadAsync(request, null, ct);
            if (read.TooLarge)
            {
                return Integrations.WebhookBody.TooLarge();
            }

            // From Telegram (the secret says so) but unusable: 200 and a warning, because Telegram redelivers anything else.
            Update? update;
            try
            {
                update = JsonSerializer.Deserialize<Update>(read.Body!, JsonBotAPI.Options);
            }
            catch (Exception exception) when (exception is JsonException or NotSupportedException or InvalidOperationException or FormatException
                or ArgumentException or OverflowException)
            {
                logger.LogWarning("Telegram update ignored: the body is not an update ({Error})", exception.Message);
                return Results.Ok();
            }

            if (update is null)
            {
                logger.LogWarning("Telegram update ignored: the body is null");
                return Results.Ok();
            }

            await bot.HandleAsync(update, ct);
            return Results.Ok();
        }).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(Security.RateLimitPolicies.Webhook).WithMetadata(Integrations.WebhookBody.SizeLimit);
        return endpoints;
    }
}

/// <summary>Long polling for servers without public HTTPS: asks the Bot API for updates instead of waiting for the webhook.</summary>
public sealed class TelegramPollingService(IServiceScopeFactory scopes, IOptionsMonitor<TelegramOptions> options, ILogger<TelegramPollingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrEmpty(options.CurrentValue.Token) || options.CurrentValue.Mode != "Polling")
        {
            return;
        }

        // Telegram refuses getUpdates while a webhook is set (say, from an earlier webhook-mode start): remove it first.
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<TelegramBot>().Client.DeleteWebhook(cancellationToken: stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Could not remove the Telegram webhook before polling");
        }

        var offset = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var bot = scope.ServiceProvider.GetRequiredService<TelegramBot>();
                var updates = await bot.Client.GetUpdates(offset, timeout: 25, cancellationToken: stoppingToken);
                foreach (var update in updates)
                {
                    // Acknowledged (by the next offset) only once handled: a database failure asks for it again.
                    await bot.HandleAsync(update, stoppingToken);
                    offset = update.Id + 1;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Telegram polling failed; trying again shortly");
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }
}

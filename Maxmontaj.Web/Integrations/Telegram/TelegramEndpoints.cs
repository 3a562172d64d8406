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
    /// capped at 1 MB (413); each update id handled once.
    /// </summary>
    public static IEndpointRouteBuilder MapTelegramEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/telegram/webhook", async (HttpRequest request, IOptionsMonitor<TelegramOptions> options, TelegramBot bot, CancellationToken ct) =>
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

            Update? update;
            try
            {
                update = JsonSerializer.Deserialize<Update>(read.Body!, JsonBotAPI.Options);
            }
            catch (JsonException)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed update");
            }

            if (update is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed update");
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
                    offset = update.Id + 1;
                    await bot.HandleAsync(update, stoppingToken);
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

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Notifications;
using Maxmontaj.Core.Registration;
using Maxmontaj.Core.Users;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Web.Integrations.WhatsApp;

public static class WhatsAppEndpoints
{
    public const string SignatureHeader = "X-Hub-Signature-256";

    public static IEndpointRouteBuilder MapWhatsAppEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Meta's verification handshake when the webhook is registered.
        endpoints.MapGet("/whatsapp/webhook", (HttpRequest request, IOptionsMonitor<WhatsAppOptions> options) =>
        {
            var token = options.CurrentValue.VerifyToken;
            return request.Query["hub.mode"] == "subscribe" && !string.IsNullOrEmpty(token)
                && FixedEquals(request.Query["hub.verify_token"].ToString(), token)
                ? Results.Text(request.Query["hub.challenge"].ToString())
                : Results.StatusCode(StatusCodes.Status403Forbidden);
        }).AllowAnonymous().RequireRateLimiting(Security.RateLimitPolicies.Webhook);

        endpoints.MapPost("/whatsapp/webhook", async (HttpRequest request, IOptionsMonitor<WhatsAppOptions> options, IServiceProvider services, CancellationToken ct) =>
        {
            // Refused before a byte of the body is read: no secret configured, or no well-formed "sha256=<64 hex>" header.
            var secret = options.CurrentValue.AppSecret;
            var given = request.Headers[SignatureHeader].ToString();
            if (string.IsNullOrEmpty(secret) || !IsSignatureShaped(given))
            {
                return Results.Unauthorized();
            }

            var read = await Integrations.WebhookBody.ReadAsync(request, Encoding.UTF8.GetBytes(secret), ct);
            if (read.TooLarge)
            {
                return Integrations.WebhookBody.TooLarge();
            }

            var body = read.Body!;
            if (!FixedEquals(given, "sha256=" + Convert.ToHexStringLower(read.Hash!)))
            {
                return Results.Unauthorized();
            }

            // Signed by Meta but unusable: 200 and a warning, because Meta redelivers anything else for days.
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Maxmontaj.WhatsApp");
            JsonNode? payload;
            try
            {
                payload = JsonNode.Parse(body);
            }
            catch (JsonException exception)
            {
                logger.LogWarning("WhatsApp payload ignored: not JSON ({Error})", exception.Message);
                return Results.Ok();
            }

            if (Field(payload, "entry") is not JsonArray entries)
            {
                logger.LogWarning("WhatsApp payload ignored: no entry array");
                return Results.Ok();
            }

            foreach (var entry in entries)
            {
                if (Field(entry, "changes") is not JsonArray changes)
                {
                    logger.LogWarning("WhatsApp entry ignored: no changes array");
                    continue;
                }

                foreach (var change in changes)
                {
                    if (Field(change, "value") is not JsonObject value)
                    {
                        logger.LogWarning("WhatsApp change ignored: no value object");
                        continue;
                    }

                    foreach (var message in Items(value, "messages", logger))
                    {
                        if (Parse(message) is { } incoming)
                        {
                            await HandleMessageAsync(incoming, services, ct);
                        }
                        else
                        {
                            logger.LogWarning("WhatsApp message ignored: no string from (digits) and id");
                        }
                    }

                    foreach (var status in Items(value, "statuses", logger))
                    {
                        if (Text(Field(status, "id")) is not { Length: > 0 } id)
                        {
                            logger.LogWarning("WhatsApp status ignored: no string id");
                            continue;
                        }

                        var errors = Field(status, "errors") as JsonArray ?? [];
                        if (errors.Any(e => Number(Field(e, "code")) is null))
                        {
                            logger.LogWarning("WhatsApp status {MessageId} carries an error without a numeric code", id);
                        }

                        var name = Text(Field(status, "status")) ?? "";
                        var failed = name == "failed" || errors.Any(e => Number(Field(e, "code")) == 131047);
                        await services.GetRequiredService<OutboxDispatcher>().ReportStatusAsync("WhatsApp", id, name, failed,
                            errors.Select(e => $"{Number(Field(e, "code"))}: {Text(Field(e, "title"))}").FirstOrDefault(), ct);
                    }
                }
            }

            return Results.Ok();
        }).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(Security.RateLimitPolicies.Webhook).WithMetadata(Integrations.WebhookBody.SizeLimit);
        return endpoints;
    }

    private sealed record Incoming(string From, string Id, string? Text);

    /// <summary>A message we can answer: "from" as digits (a phone) and an id that fits the handled-updates key.</summary>
    private static Incoming? Parse(JsonNode? message)
    {
        var from = Text(Field(message, "from"));
        var id = Text(Field(message, "id"));
        if (from is not { Length: >= 5 and <= 20 } || !from.All(char.IsAsciiDigit) || id is not { Length: > 0 and <= 128 })
        {
            return null;
        }

        var interactive = Field(message, "interactive");
        var text = Text(Field(Field(message, "text"), "body"))
            ?? Text(Field(Field(interactive, "list_reply"), "id"))
            ?? Text(Field(Field(interactive, "button_reply"), "id"));
        // A "text" that carries no string body is a broken message, not an empty one.
        return Field(message, "text") is not null && Text(Field(Field(message, "text"), "body")) is null ? null : new Incoming(from, id, text);
    }

    private static async Task HandleMessageAsync(Incoming message, IServiceProvider services, CancellationToken ct)
    {
        // The person wrote: free text may be sent to them for the next 24 hours (the window must be open for the reply).
        if (PhoneFormat.Normalize("+" + message.From) is { } phone)
        {
            await services.GetRequiredService<WhatsAppSessions>().TouchAsync(phone, ct);
        }

        // The handled mark, the step and the replies (outbox rows) commit together; the outbox worker sends the replies.
        await services.GetRequiredService<RegistrationConversation>()
            .HandleOnceAsync(message.Id, new IncomingMessage("WhatsApp", message.From, message.Text), ct);
    }

    /// <summary>A property of an object, or null for anything else (a missing field, an array, a number).</summary>
    private static JsonNode? Field(JsonNode? node, string name) => node is JsonObject obj ? obj[name] : null;

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static int? Number(JsonNode? node) => node is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;

    private static IEnumerable<JsonNode?> Items(JsonObject value, string name, ILogger logger)
    {
        var node = value[name];
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray items)
        {
            logger.LogWarning("WhatsApp {Field} ignored: not an array", name);
            return [];
        }

        return items;
    }

    private static bool IsSignatureShaped(string header) =>
        header.Length == 7 + 64 && header.StartsWith("sha256=", StringComparison.Ordinal) && header.AsSpan(7).ContainsAnyExcept("0123456789abcdefABCDEF") == false;

    private static bool FixedEquals(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}

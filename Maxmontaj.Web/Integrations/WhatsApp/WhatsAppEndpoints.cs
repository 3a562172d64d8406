using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Notifications;
using Maxmontaj.Core.Registration;
using Maxmontaj.Core.Users;
using Microsoft.EntityFrameworkCore;
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

            JsonNode? payload;
            try
            {
                payload = JsonNode.Parse(body);
            }
            catch (JsonException)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed payload");
            }

            var values = payload?["entry"]?.AsArray().SelectMany(e => e?["changes"]?.AsArray() ?? []).Select(c => c?["value"]).OfType<JsonNode>().ToList();
            if (values is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed payload");
            }

            foreach (var value in values)
            {
                foreach (var message in value["messages"]?.AsArray().OfType<JsonNode>() ?? [])
                {
                    await HandleMessageAsync(message, services, ct);
                }

                foreach (var status in value["statuses"]?.AsArray().OfType<JsonNode>() ?? [])
                {
                    var errors = status["errors"]?.AsArray().OfType<JsonNode>().ToList() ?? [];
                    var name = status["status"]?.GetValue<string>() ?? "";
                    var failed = name == "failed" || errors.Any(e => e["code"]?.GetValue<int>() == 131047);
                    await services.GetRequiredService<OutboxDispatcher>().ReportStatusAsync("WhatsApp", status["id"]?.GetValue<string>() ?? "", name, failed,
                        errors.Select(e => $"{e["code"]}: {e["title"]}").FirstOrDefault(), ct);
                }
            }

            return Results.Ok();
        }).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(Security.RateLimitPolicies.Webhook).WithMetadata(Integrations.WebhookBody.SizeLimit);
        return endpoints;
    }

    private static async Task HandleMessageAsync(JsonNode message, IServiceProvider services, CancellationToken ct)
    {
        var from = message["from"]?.GetValue<string>() ?? "";
        var id = message["id"]?.GetValue<string>() ?? "";
        var text = message["text"]?["body"]?.GetValue<string>()
            ?? message["interactive"]?["list_reply"]?["id"]?.GetValue<string>()
            ?? message["interactive"]?["button_reply"]?["id"]?.GetValue<string>();
        if (from.Length == 0 || id.Length == 0)
        {
            return;
        }

        // The person wrote: free text may be sent to them for the next 24 hours.
        if (PhoneFormat.Normalize("+" + from) is { } phone)
        {
            var db = services.GetRequiredService<IMaxmontajDbFactory>();
            await using var context = await db.CreateAsync(ct);
            var session = await context.WhatsAppSessions.SingleOrDefaultAsync(s => s.Phone == phone, ct);
            if (session is null)
            {
                context.WhatsAppSessions.Add(new WhatsAppSession { Phone = phone, LastInboundAt = services.GetRequiredService<TimeProvider>().GetUtcNow() });
            }
            else
            {
                session.LastInboundAt = services.GetRequiredService<TimeProvider>().GetUtcNow();
            }

            await context.SaveChangesAsync(ct);
        }

        var replies = await services.GetRequiredService<RegistrationConversation>()
            .HandleOnceAsync(id, new IncomingMessage("WhatsApp", from, text), ct);
        var client = services.GetRequiredService<WhatsAppClient>();
        foreach (var reply in replies)
        {
            var body = reply.Options is { Count: > 0 } options
                ? reply.Text + "\n" + string.Join("\n", options.Select((o, i) => $"{i + 1}. {o}"))
                : reply.Text;
            try
            {
                await client.SendTextAsync(from, body, ct);
            }
            catch (Exception exception) when (exception is WhatsAppApiException or HttpRequestException)
            {
                services.GetRequiredService<ILoggerFactory>().CreateLogger("WhatsApp").LogWarning(exception, "Could not answer a WhatsApp message");
            }
        }
    }

    private static bool IsSignatureShaped(string header) =>
        header.Length == 7 + 64 && header.StartsWith("sha256=", StringComparison.Ordinal) && header.AsSpan(7).ContainsAnyExcept("0123456789abcdefABCDEF") == false;

    private static bool FixedEquals(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}

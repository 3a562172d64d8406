using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Web.Integrations.WhatsApp;

/// <summary>A refusal from the Cloud API with its HTTP status and Meta's error code (131047: outside the 24-hour window).</summary>
public sealed class WhatsAppApiException(int status, int? code, string message, TimeSpan? retryAfter = null) : Exception(message)
{
    public int Status { get; } = status;
    public int? Code { get; } = code;

    /// <summary>The Retry-After of a 429, when Meta sent one.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>The Cloud API's messages endpoint, as a typed HttpClient whose base address comes from configuration.</summary>
public sealed class WhatsAppClient(HttpClient http, IOptionsMonitor<WhatsAppOptions> options)
{
    public Task<string> SendTextAsync(string to, string text, CancellationToken cancellationToken) =>
        SendAsync(new JsonObject
        {
            ["messaging_product"] = "whatsapp", ["to"] = to, ["type"] = "text", ["text"] = new JsonObject { ["body"] = text },
        }, cancellationToken);

    public Task<string> SendTemplateAsync(string to, string text, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        return SendAsync(new JsonObject
        {
            ["messaging_product"] = "whatsapp", ["to"] = to, ["type"] = "template",
            ["template"] = new JsonObject
            {
                ["name"] = settings.TemplateName, ["language"] = new JsonObject { ["code"] = settings.TemplateLanguage },
                ["components"] = new JsonArray(new JsonObject
                {
                    ["type"] = "body", ["parameters"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = TemplateParameter(text) }),
                }),
            },
        }, cancellationToken);
    }

    /// <summary>
    /// Meta refuses a template parameter with a new line, a tab or more than four spaces in a row (error 132018): lines are
    /// joined with " · " here, on the template path only; free text keeps its lines.
    /// </summary>
    public static string TemplateParameter(string text)
    {
        var lines = text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var joined = string.Join(" · ", lines).Replace('\t', ' ');
        return System.Text.RegularExpressions.Regex.Replace(joined, " {4,}", "   ");
    }

    private async Task<string> SendAsync(JsonObject body, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(settings.BaseUrl.TrimEnd('/') + "/"), $"{settings.PhoneNumberId}/messages"))
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Authorization = new("Bearer", settings.AccessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        var json = Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        if (!response.IsSuccessStatusCode)
        {
            var retryAfter = response.Headers.RetryAfter is { } header ? header.Delta ?? header.Date - DateTimeOffset.UtcNow : null;
            throw new WhatsAppApiException((int)response.StatusCode, json?["error"]?["code"]?.GetValue<int>(),
                json?["error"]?["message"]?.GetValue<string>() ?? response.ReasonPhrase ?? "error", retryAfter);
        }

        return json?["messages"]?[0]?["id"]?.GetValue<string>() ?? "";
    }

    /// <summary>The body as JSON, or null when a proxy or an outage answered with something else.</summary>
    private static JsonNode? Parse(string body)
    {
        try
        {
            return string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

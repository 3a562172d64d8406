using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Maxmontaj.Tests.Support;

/// <summary>
/// A WhatsApp Cloud (Graph) API on 127.0.0.1 that records sent messages and can be told to refuse them the ways Meta does:
/// 131047 (outside the window), 500, 429 with Retry-After, a hang, or a closed connection.
/// </summary>
public sealed class FakeGraphApi : IAsyncDisposable
{
    public enum Mode
    {
        Ok,
        OutsideWindow,
        ServerError,

        /// <summary>429 with Retry-After: <see cref="RetryAfterSeconds"/> and Meta's code 130429.</summary>
        TooManyRequests,

        /// <summary>Reads the request and never answers (until the client gives up or the fake stops).</summary>
        Hang,

        /// <summary>Reads the request and closes the connection without an answer.</summary>
        Drop,
    }

    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;

    public int RetryAfterSeconds { get; set; } = 5;

    public int Calls;
    private int _next;

    public ConcurrentQueue<JsonNode> Sent { get; } = new();

    public Mode Behaviour { get; set; }

    public string BaseUrl { get; private set; } = "";

    public static async Task<FakeGraphApi> StartAsync()
    {
        var fake = new FakeGraphApi();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        fake._app = builder.Build();
        fake._app.MapPost("/{phoneNumberId}/messages", fake.HandleAsync);
        await fake._app.StartAsync();
        fake.BaseUrl = fake._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
        return fake;
    }

    /// <summary>The texts (or template parameters) sent to one number.</summary>
    public IReadOnlyList<string> To(string number) =>
        Sent.Where(m => m["to"]!.GetValue<string>() == number)
            .Select(m => m["text"]?["body"]?.GetValue<string>() ?? "template:" + m["template"]!["components"]![0]!["parameters"]![0]!["text"]!.GetValue<string>())
            .ToList();

    private async Task<IResult> HandleAsync(string phoneNumberId, HttpRequest request)
    {
        Interlocked.Increment(ref Calls);
        var body = JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync())!;
        switch (Behaviour)
        {
            case Mode.TooManyRequests:
                request.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
                return Results.Json(new { error = new { code = 130429, message = "Rate limit hit" } }, statusCode: 429);
            case Mode.Hang:
                using (var both = CancellationTokenSource.CreateLinkedTokenSource(request.HttpContext.RequestAborted, _stopping.Token))
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, both.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }

                request.HttpContext.Abort();
                return Results.Empty;
            case Mode.Drop:
                request.HttpContext.Abort();
                return Results.Empty;
            case Mode.OutsideWindow:
                return Results.Json(new { error = new { code = 131047, message = "Re-engagement message" } }, statusCode: 400);
            case Mode.ServerError:
                return Results.Json(new { error = new { code = 1, message = "Unknown error" } }, statusCode: 500);
        }

        Sent.Enqueue(body);
        return Results.Json(new { messaging_product = "whatsapp", messages = new[] { new { id = $"wamid.{Interlocked.Increment(ref _next)}" } } });
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
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
/// A Telegram Bot API on 127.0.0.1 that records what bots send and can be told to fail the ways Telegram fails: 500, 403
/// (blocked), 429 with retry_after, a hang (no answer until the client gives up), a closed connection, or going away.
/// </summary>
public sealed class FakeBotApi : IAsyncDisposable
{
    public enum Mode
    {
        Ok,
        ServerError,
        Blocked,

        /// <summary>429 "Too Many Requests" with parameters.retry_after = <see cref="RetryAfterSeconds"/>.</summary>
        TooManyRequests,

        /// <summary>Reads the request and never answers (until the client gives up or the fake stops).</summary>
        Hang,

        /// <summary>Reads the request and closes the connection without an answer.</summary>
        Drop,
    }

    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;

    /// <summary>Per chat, a behaviour other than <see cref="Behaviour"/> (one person's chat hangs while others work).</summary>
    public ConcurrentDictionary<long, Mode> ChatBehaviour { get; } = new();

    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>Calls that reached the fake, in order, with the chat they were for.</summary>
    public ConcurrentQueue<long> Received { get; } = new();

    public ConcurrentQueue<(long ChatId, string Text)> Sent { get; } = new();

    /// <summary>Every sendMessage body as sent, keyboards included.</summary>
    public ConcurrentQueue<JsonNode> Bodies { get; } = new();

    public Mode Behaviour { get; set; }

    /// <summary>Every call other than sendMessage (setWebhook, ...), with its body.</summary>
    public ConcurrentQueue<(string Method, JsonNode Body)> OtherCalls { get; } = new();

    /// <summary>Updates that the next getUpdates returns (long polling).</summary>
    public ConcurrentQueue<JsonNode> PendingUpdates { get; } = new();

    /// <summary>sendMessage alone answers 500 while set; getUpdates and the rest keep working.</summary>
    public bool RefuseSends { get; set; }

    public int Calls;

    public string BaseUrl { get; private set; } = "";

    public static async Task<FakeBotApi> StartAsync()
    {
        var fake = new FakeBotApi();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        fake._app = builder.Build();
        fake._app.MapPost("/bot{token}/{method}", fake.HandleAsync);
        await fake._app.StartAsync();
        fake.BaseUrl = fake._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    /// <summary>Stops the server: later calls get "connection refused".</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    private async Task<IResult> HandleAsync(string token, string method, HttpRequest request)
    {
        var body = JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync())!;
        if (method.Equals("getUpdates", StringComparison.OrdinalIgnoreCase))
        {
            var updates = new JsonArray();
            while (PendingUpdates.TryDequeue(out var pending))
            {
                updates.Add(pending);
            }

            if (updates.Count == 0)
            {
                await Task.Delay(200);   // a short long poll
            }

            return Results.Text(new JsonObject { ["ok"] = true, ["result"] = updates }.ToJsonString(), "application/json");
        }

        // setWebhook, deleteWebhook and the like are recorded apart: Calls, Received and the failure modes are about sends.
        if (!method.Equals("sendMessage", StringComparison.OrdinalIgnoreCase))
        {
            OtherCalls.Enqueue((method, body));
            return Results.Json(new { ok = true, result = true });
        }

        Interlocked.Increment(ref Calls);
        var chatId = body["chat_id"]?.GetValue<long>() ?? 0;
        Received.Enqueue(chatId);
        switch (ChatBehaviour.GetValueOrDefault(chatId, Behaviour))
        {
            case Mode.ServerError:
                return Results.Json(new { ok = false, error_code = 500, description = "Internal Server Error" }, statusCode: 500);
            case Mode.Blocked:
                return Results.Json(new { ok = false, error_code = 403, description = "Forbidden: bot was blocked by the user" }, statusCode: 403);
            case Mode.TooManyRequests:
                return Results.Json(new
                {
                    ok = false, error_code = 429, description = $"Too Many Requests: retry after {RetryAfterSeconds}", parameters = new { retry_after = RetryAfterSeconds },
                }, statusCode: 429);
            case Mode.Hang:
                await Hang(request.HttpContext);
                return Results.Empty;
            case Mode.Drop:
                request.HttpContext.Abort();
                return Results.Empty;
        }

        if (RefuseSends)
        {
            return Results.Json(new { ok = false, error_code = 500, description = "Internal Server Error" }, statusCode: 500);
        }

        var text = body["text"]!.GetValue<string>();
        Sent.Enqueue((chatId, text));
        Bodies.Enqueue(body);

        return Results.Json(new
        {
            ok = true,
            result = new { message_id = Sent.Count, date = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), chat = new { id = chatId, type = "private" }, text },
        }, new JsonSerializerOptions());
    }

    /// <summary>Waits (in real time, up to 10 s) until <paramref name="count"/> calls have reached the fake.</summary>
    public async Task WaitForCallsAsync(int count)
    {
        for (var waited = 0; Volatile.Read(ref Calls) < count; waited += 10)
        {
            if (waited > 10_000)
            {
                throw new TimeoutException($"{Calls} calls reached the fake Bot API, not {count}");
            }

            await Task.Delay(10);
        }
    }

    private async Task Hang(HttpContext context)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, both.Token);
        }
        catch (OperationCanceledException)
        {
        }

        context.Abort();
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}

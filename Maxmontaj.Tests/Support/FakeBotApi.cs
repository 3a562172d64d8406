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

/// <summary>A Telegram Bot API on 127.0.0.1 that records what bots send and can be told to fail or go away.</summary>
public sealed class FakeBotApi : IAsyncDisposable
{
    public enum Mode
    {
        Ok,
        ServerError,
        Blocked,
    }

    private WebApplication? _app;

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
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    private async Task<IResult> HandleAsync(string token, string method, HttpRequest request)
    {
        Interlocked.Increment(ref Calls);
        var body = JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync())!;
        switch (Behaviour)
        {
            case Mode.ServerError:
                return Results.Json(new { ok = false, error_code = 500, description = "Internal Server Error" }, statusCode: 500);
            case Mode.Blocked:
                return Results.Json(new { ok = false, error_code = 403, description = "Forbidden: bot was blocked by the user" }, statusCode: 403);
        }

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

        if (!method.Equals("sendMessage", StringComparison.OrdinalIgnoreCase))
        {
            OtherCalls.Enqueue((method, body));
            return Results.Json(new { ok = true, result = true });
        }

        if (RefuseSends)
        {
            return Results.Json(new { ok = false, error_code = 500, description = "Internal Server Error" }, statusCode: 500);
        }

        var chatId = body["chat_id"]!.GetValue<long>();
        var text = body["text"]!.GetValue<string>();
        if (method.Equals("sendMessage", StringComparison.OrdinalIgnoreCase))
        {
            Sent.Enqueue((chatId, text));
            Bodies.Enqueue(body);
        }

        return Results.Json(new
        {
            ok = true,
            result = new { message_id = Sent.Count, date = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), chat = new { id = chatId, type = "private" }, text },
        }, new JsonSerializerOptions());
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}

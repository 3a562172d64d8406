using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Load;

/// <summary>
/// One browser tab without a browser: GETs the page (prerendered markers and state), opens /_blazor with the user's cookie,
/// starts the circuit and adds the page's root components as blazor.web.js does (StartCircuit, then UpdateRootComponents),
/// acknowledges every render batch (OnRenderCompleted), answers JS interop (EndInvokeJSFromDotNet, null results), and
/// dispatches browser events through the renderer's interop object (BeginInvokeDotNetFromJS "DispatchEventAsync").
/// </summary>
public sealed partial class HeadlessCircuit : IAsyncDisposable
{
    private static readonly byte[] Ready = "interactive-ready"u8.ToArray();
    private readonly Uri _base;
    private readonly CookieContainer _cookies;
    private readonly Stats _stats;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, (long Started, TaskCompletionSource<string?> Done)> _calls = new();
    private readonly Lock _gate = new();
    private HubConnection? _connection;
    private long _interop = -1;
    private long _nextCall;
    private bool _closing;

    public HeadlessCircuit(Uri @base, CookieContainer cookies, string page, string kind, Stats stats)
    {
        _base = @base;
        _cookies = cookies;
        Page = page;
        Kind = kind;
        _stats = stats;
    }

    public string Page { get; }

    public string Kind { get; }

    /// <summary>Called with each render batch (on the connection's thread) and the time it arrived.</summary>
    public Action<HeadlessCircuit, byte[], long>? OnBatch { get; set; }

    /// <summary>Board tracking: event handlers by card number and by column, for drags made through this circuit.</summary>
    public BoardHandlers Board { get; } = new();

    public async Task StartAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var html = await http.GetStringAsync(new Uri(_base, Page), cancellationToken);
        var markers = Markers().Matches(html).Select(m => m.Groups[1].Value).Where(m => m.Contains("\"descriptor\"")).ToList();
        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"{Page}: no interactive component markers (signed out?)");
        }

        var state = State().Match(html) is { Success: true } s ? s.Groups[1].Value : "";
        var builder = new HubConnectionBuilder();
        builder.WithUrl(new Uri(_base, "_blazor"), o =>
            {
                o.Cookies = _cookies;
                o.Transports = HttpTransportType.WebSockets;
            });
        // The last IHubProtocol registered is the one the connection speaks.
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol());
        var connection = builder.Build();
        _connection = connection;

        connection.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        connection.On<long, string, string, int, long, int>("JS.BeginInvokeJS", OnBeginInvokeJS);
        connection.On<string, bool, string>("JS.EndInvokeDotNet", OnEndInvokeDotNet);
        connection.On<string>("JS.Error", error =>
        {
            _stats.Error(Kind, "JS.Error: " + error);
            _ready.TrySetException(new InvalidOperationException(error));
        });
        connection.On<int, string>("JS.AttachComponent", (_, _) => { });
        connection.On<long>("JS.EndUpdateRootComponents", _ => { });
        connection.Closed += exception =>
        {
            if (!_closing)
            {
                _stats.Error(Kind, "connection closed: " + (exception?.Message ?? "by the server"));
                _stats.Disconnected();
                _ready.TrySetException(new InvalidOperationException("closed"));
            }

            return Task.CompletedTask;
        };

        await connection.StartAsync(cancellationToken);
        var uri = new Uri(_base, Page).ToString();
        var circuit = await connection.InvokeAsync<string?>("StartCircuit", _base.ToString(), uri, "[]", state, cancellationToken);
        if (circuit is null)
        {
            throw new InvalidOperationException($"{Page}: the server refused to start the circuit");
        }

        var operations = new JsonArray(markers.Select((m, i) => (JsonNode)new JsonObject
        {
            ["type"] = "add",
            ["ssrComponentId"] = i + 1,
            ["marker"] = JsonNode.Parse(m),
        }).ToArray());
        var batch = new JsonObject { ["batchId"] = 1, ["operations"] = operations };
        await connection.SendAsync("UpdateRootComponents", batch.ToJsonString(), state, cancellationToken);
        await _ready.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
    }

    /// <summary>Dispatches a browser event to a handler and returns the milliseconds until the server says it was handled.</summary>
    public async Task<double> DispatchAsync(ulong handler, string eventName, object eventArgs)
    {
        var call = Interlocked.Increment(ref _nextCall).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var done = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = Stopwatch.GetTimestamp();
        _calls[call] = (started, done);
        var args = JsonSerializer.Serialize(new object?[] { new { eventHandlerId = handler, eventName, eventFieldInfo = (object?)null }, eventArgs });
        await _connection!.SendAsync("BeginInvokeDotNetFromJS", call, null, "DispatchEventAsync", Interlocked.Read(ref _interop), args);
        if (await done.Task.WaitAsync(TimeSpan.FromSeconds(30)) is { } failure)
        {
            throw new InvalidOperationException($"event {eventName} (interop {Interlocked.Read(ref _interop)}) failed on the server: {failure}");
        }

        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] data)
    {
        var at = Stopwatch.GetTimestamp();
        _stats.Batch(data.Length);
        try
        {
            lock (_gate)
            {
                Board.Read(data);
            }

            OnBatch?.Invoke(this, data, at);
            if (RenderBatch.Contains(data, Ready))
            {
                _ready.TrySetResult();
            }
        }
        catch (Exception exception)
        {
            _stats.Error(Kind, "batch: " + exception.Message);
        }

        await _connection!.SendAsync("OnRenderCompleted", batchId, null);
    }

    private void OnBeginInvokeJS(long asyncHandle, string identifier, string argsJson, int resultType, long targetInstanceId, int callType)
    {
        if (Environment.GetEnvironmentVariable("MAXMONTAJ_LOAD_TRACE") == "1")
        {
            Console.WriteLine($"JS {identifier} {argsJson[..Math.Min(200, argsJson.Length)]}");
        }

        if (identifier == "Blazor._internal.attachWebRendererInterop"
            && JsonNode.Parse(argsJson) is JsonArray { Count: > 1 } args && args[1]?["__dotNetObject"] is { } id)
        {
            Interlocked.Exchange(ref _interop, id.GetValue<long>());
        }

        if (asyncHandle != 0)
        {
            _ = _connection!.SendAsync("EndInvokeJSFromDotNet", asyncHandle, true, $"[{asyncHandle},true,null]");
        }
    }

    private void OnEndInvokeDotNet(string callId, bool success, string result)
    {
        if (_calls.TryRemove(callId, out var call))
        {
            call.Done.TrySetResult(success ? null : result);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _closing = true;
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex Markers();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:([A-Za-z0-9+/=]+)-->")]
    private static partial Regex State();
}

/// <summary>What a board circuit knows of its cards and columns, from the elements its batches insert.</summary>
public sealed class BoardHandlers
{
    private readonly Dictionary<int, string> _columnOfComponent = [];
    private readonly Dictionary<string, (ulong Handler, int Component)> _cards = [];
    private readonly Dictionary<int, ulong> _dropOfComponent = [];

    public void Read(byte[] data)
    {
        foreach (var element in new RenderBatch(data).InsertedElements())
        {
            if (element.Attributes.TryGetValue("data-column", out var column) && column is not null)
            {
                element.ChildComponents.ForEach(c => _columnOfComponent[c] = column);
            }

            if (element.Attributes.TryGetValue("data-order", out var number) && number is not null
                && element.Handlers.TryGetValue("ondragstart", out var drag))
            {
                _cards[number] = (drag, element.ComponentId);
            }

            if (element.Handlers.TryGetValue("ondrop", out var drop))
            {
                _dropOfComponent[element.ComponentId] = drop;
            }
        }
    }

    /// <summary>The card's drag handler and column, when this circuit shows it.</summary>
    public (ulong DragStart, string Column)? Card(string number) =>
        _cards.TryGetValue(number, out var card) && _columnOfComponent.TryGetValue(card.Component, out var column) ? (card.Handler, column) : null;

    public int CardCount => _cards.Count;

    public ulong? Drop(string column) =>
        _dropOfComponent.Where(d => _columnOfComponent.GetValueOrDefault(d.Key) == column).Select(d => (ulong?)d.Value).FirstOrDefault();

    public IReadOnlyList<string> CardsIn(string column) =>
        _cards.Where(c => _columnOfComponent.GetValueOrDefault(c.Value.Component) == column).Select(c => c.Key).ToList();
}

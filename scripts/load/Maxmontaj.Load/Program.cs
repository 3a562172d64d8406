using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Maxmontaj.Load;

// The headless circuit load harness. See scripts/load/run.sh and docs/performance.md "Circuits".
//   --url http://127.0.0.1:5080/   the app (run.sh starts one)
//   --mode push|events|memory|idle|smoke
//   --circuits N  --duration S  --rate changes/s  --kinds board,orders,jobs,customer,analytics  --think S
var options = Options.Parse(args);
var stats = new Stats();
var baseUri = new Uri(options.Url);
var sessions = new Sessions(baseUri);
var code = 0;
try
{
    code = options.Mode switch
    {
        "push" or "smoke" or "events" => await Scenarios.PushAsync(options, sessions, stats),
        "memory" => await Scenarios.MemoryAsync(options, sessions, stats),
        "idle" => await Scenarios.IdleAsync(options, sessions, stats),
        _ => throw new ArgumentException($"unknown mode {options.Mode}"),
    };
}
catch (Exception exception)
{
    Console.Error.WriteLine($"load: {exception.Message}");
    code = 2;
}

Console.WriteLine($"errors: {stats.Errors} ({string.Join(", ", stats.ErrorsByKind.Select(e => $"{e.Key}={e.Value}"))}), disconnects: {stats.Disconnects}, batches: {stats.Batches} ({stats.Bytes / 1024} KB)");
foreach (var error in stats.FirstErrors)
{
    Console.WriteLine("  " + error);
}

return code != 0 ? code : stats.Errors > 0 ? 1 : 0;

/// <summary>Command-line options.</summary>
internal sealed record Options(string Url, string Mode, int Circuits, int Duration, double Rate, string[] Kinds, double Think, int Parallel)
{
    public static Options Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var at = Array.LastIndexOf(args, "--" + name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        }

        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return new Options(Get("url", "http://127.0.0.1:5080/"), Get("mode", "push"), int.Parse(Get("circuits", "100"), inv),
            int.Parse(Get("duration", "20"), inv), double.Parse(Get("rate", "1"), inv),
            Get("kinds", "board,orders,jobs,customer,analytics").Split(','), double.Parse(Get("think", "10"), inv),
            int.Parse(Get("parallel", "16"), inv));
    }
}

/// <summary>One signed-in cookie jar per role, shared by all its circuits (sign-in through the static SSR form with antiforgery).</summary>
internal sealed partial class Sessions(Uri baseUri)
{
    public const string Password = "Demo-Pass-2026";
    private readonly ConcurrentDictionary<string, Lazy<Task<(HttpClient Http, CookieContainer Cookies)>>> _byLogin = new();

    public static (string Login, string Path) PageOf(string kind) => kind switch
    {
        "board" => ("dispatcher@demo.maxmontaj.ru", "dispatcher/board"),
        "orders" => ("dispatcher@demo.maxmontaj.ru", "dispatcher/orders"),
        "jobs" => ("executor@demo.maxmontaj.ru", "executor/orders"),
        "customer" => ("customer@demo.maxmontaj.ru", "customer"),
        "analytics" => ("admin@demo.maxmontaj.ru", "admin/analytics"),
        _ => throw new ArgumentException($"unknown page kind {kind}"),
    };

    public Task<(HttpClient Http, CookieContainer Cookies)> ForAsync(string login) =>
        _byLogin.GetOrAdd(login, l => new Lazy<Task<(HttpClient, CookieContainer)>>(() => SignInAsync(l))).Value;

    private async Task<(HttpClient, CookieContainer)> SignInAsync(string login)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(120) };
        var form = await http.GetStringAsync("account/login");
        var fields = Hidden().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.Login"] = login;
        fields["Input.Password"] = Environment.GetEnvironmentVariable("MAXMONTAJ_LOAD_PASSWORD") ?? Password;
        var response = await http.PostAsync("account/login", new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("login", StringComparison.OrdinalIgnoreCase) == true)
        {
            throw new InvalidOperationException($"sign-in of {login} failed: {(int)response.StatusCode} {response.Headers.Location}");
        }

        return (http, cookies);
    }

    [GeneratedRegex("<input[^>]*?name=\"(?<name>[^\"]+)\"[^>]*?type=\"hidden\"[^>]*?value=\"(?<value>[^\"]*)\"|<input[^>]*?type=\"hidden\"[^>]*?name=\"(?<name>[^\"]+)\"[^>]*?value=\"(?<value>[^\"]*)\"")]
    private static partial Regex Hidden();
}

/// <summary>The server's own figures from its diagnostics endpoint (managed heap after a full GC, working set, CPU, circuits).</summary>
internal sealed record ServerSample(long HeapBytes, long WorkingSetBytes, double CpuMs, Dictionary<string, long> Circuits)
{
    public static async Task<ServerSample> TakeAsync(Uri baseUri)
    {
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(120) };
        var json = await http.GetStringAsync("_diagnostics/memory");
        return JsonSerializer.Deserialize<ServerSample>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }
}

internal static class Scenarios
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static async Task<List<HeadlessCircuit>> OpenAsync(Options options, Sessions sessions, Stats stats, IReadOnlyList<string> kinds, int count,
        Action<HeadlessCircuit>? configure = null)
    {
        var circuits = new ConcurrentBag<HeadlessCircuit>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = options.Parallel }, async (i, ct) =>
        {
            var kind = kinds[i % kinds.Count];
            var (login, path) = Sessions.PageOf(kind);
            var (http, cookies) = await sessions.ForAsync(login);
            var circuit = new HeadlessCircuit(http.BaseAddress!, cookies, path, kind, stats);
            configure?.Invoke(circuit);
            try
            {
                await circuit.StartAsync(http, ct);
                circuits.Add(circuit);
            }
            catch (Exception exception)
            {
                stats.Error(kind, "start: " + exception.Message);
                await circuit.DisposeAsync();
            }
        });
        return [.. circuits];
    }

    public static async Task CloseAsync(IEnumerable<HeadlessCircuit> circuits) =>
        await Task.WhenAll(circuits.Select(c => c.DisposeAsync().AsTask()));

    /// <summary>
    /// Board circuits watch while one more board circuit (the actor) drags cards between New and On hold at a fixed rate:
    /// a real UI action (dragstart + drop dispatched to the card's and the column's handlers). Push latency is from sending
    /// the drop to each watcher's first render batch that carries the card's number; "events" mode makes the watchers the
    /// actors in turn, and records event-handling latency (drop sent → the server's DispatchEventAsync completion).
    /// </summary>
    public static async Task<int> PushAsync(Options options, Sessions sessions, Stats stats)
    {
        var changes = new ConcurrentDictionary<int, Change>();
        var latest = new ConcurrentDictionary<string, Change>();
        var watchers = new List<HeadlessCircuit>();
        var index = new ConcurrentDictionary<HeadlessCircuit, int>();

        void Watch(HeadlessCircuit circuit) => circuit.OnBatch = (c, data, at) =>
        {
            foreach (var change in latest.Values)
            {
                if (change.Sent != 0 && at > change.Sent && index.TryGetValue(c, out var me) && !change.SeenBy.ContainsKey(me)
                    && RenderBatch.Contains(data, change.Bytes))
                {
                    var ms = Stopwatch.GetElapsedTime(change.Sent, at).TotalMilliseconds;
                    if (change.SeenBy.TryAdd(me, ms))
                    {
                        stats.Pushed(ms);
                    }
                }
            }
        };

        var actor = (await OpenAsync(options with { Circuits = 1 }, sessions, stats, ["board"], 1)).SingleOrDefault()
            ?? throw new InvalidOperationException("the actor's board did not open");
        var started = Stopwatch.StartNew();
        var opened = await OpenAsync(options, sessions, stats, ["board"], options.Circuits, Watch);
        for (var i = 0; i < opened.Count; i++)
        {
            index[opened[i]] = i;
            watchers.Add(opened[i]);
        }

        Console.WriteLine($"opened {watchers.Count} board circuits in {started.Elapsed.TotalSeconds:0.0} s");
        var ring = actor.Board.CardsIn("New").Concat(actor.Board.CardsIn("OnHold")).Take(Math.Max(8, (int)(options.Rate * 12))).ToList();
        if (ring.Count == 0)
        {
            throw new InvalidOperationException("no New or OnHold card on today's board to move");
        }

        var before = await ServerSample.TakeAsync(new Uri(options.Url));
        var random = new Random(12);
        var interval = TimeSpan.FromSeconds(1 / options.Rate);
        var clock = Stopwatch.StartNew();
        var id = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(options.Duration))
        {
            var next = interval * (id + 1);
            var number = ring[id % ring.Count];
            var mover = options.Mode == "events" && watchers.Count > 0 ? watchers[random.Next(watchers.Count)] : actor;
            var change = new Change(id, number);
            try
            {
                await MoveAsync(mover, number, change, changes, latest, stats);
            }
            catch (Exception exception)
            {
                stats.Error("board", $"move {number}: {exception.Message}");
            }

            id++;
            var wait = next - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }

        // Stragglers: every watcher must see every change.
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15) && changes.Values.Any(c => c.SeenBy.Count < watchers.Count))
        {
            await Task.Delay(100);
        }

        var after = await ServerSample.TakeAsync(new Uri(options.Url));
        var expected = changes.Count * watchers.Count;
        var seen = changes.Values.Sum(c => c.SeenBy.Count);
        var missed = expected - seen;
        var pushes = Math.Max(1, seen);
        Console.WriteLine();
        Console.WriteLine($"| board circuits | changes | pushes seen | missed | push latency (drop sent → batch) | event handling | CPU ms per pushed update |");
        Console.WriteLine($"| {watchers.Count} | {changes.Count} | {seen} | {missed} | {Stats.Percentiles(stats.Push)} | {Stats.Percentiles(stats.Events)} | {(after.CpuMs - before.CpuMs) / pushes:0.00} |");
        Console.WriteLine($"server: heap {after.HeapBytes / 1048576.0:0.0} MB after full GC, working set {after.WorkingSetBytes / 1048576.0:0} MB, circuits {JsonSerializer.Serialize(after.Circuits, Web)}");
        await CloseAsync(watchers.Append(actor));
        if (options.Mode == "smoke")
        {
            var ok = stats.Errors == 0 && missed == 0 && changes.Count > 0 && watchers.Count == options.Circuits;
            Console.WriteLine(ok
                ? $"SMOKE PASSED: {watchers.Count} circuits saw all {changes.Count} changes, 0 errors"
                : $"SMOKE FAILED: circuits {watchers.Count}/{options.Circuits}, changes {changes.Count}, missed {missed}, errors {stats.Errors}");
            return ok ? 0 : 1;
        }

        return 0;
    }

    private static async Task MoveAsync(HeadlessCircuit mover, string number, Change change, ConcurrentDictionary<int, Change> changes,
        ConcurrentDictionary<string, Change> latest, Stats stats)
    {
        var card = mover.Board.Card(number) ?? throw new InvalidOperationException("the card is not on the mover's board");
        var target = card.Column == "New" ? "OnHold" : "New";
        var drop = mover.Board.Drop(target) ?? throw new InvalidOperationException($"no drop zone {target}");
        await mover.DispatchAsync(card.DragStart, "dragstart", DragArgs("dragstart"));
        latest[number] = change;
        changes[change.Id] = change;
        change.Sent = Stopwatch.GetTimestamp();
        stats.Handled(await mover.DispatchAsync(drop, "drop", DragArgs("drop")));
    }

    private static object DragArgs(string type) => new
    {
        type,
        detail = 1,
        button = 0,
        buttons = 1,
        dataTransfer = new { dropEffect = "move", effectAllowed = "all", files = Array.Empty<string>(), items = Array.Empty<object>(), types = Array.Empty<string>() },
    };

    /// <summary>Per page kind: managed heap after a full GC and working set, before and after opening N circuits of it.</summary>
    public static async Task<int> MemoryAsync(Options options, Sessions sessions, Stats stats)
    {
        var uri = new Uri(options.Url);
        Console.WriteLine("| page kind | circuits | heap per circuit (after full GC) | working set per circuit |");
        foreach (var kind in options.Kinds)
        {
            var before = await ServerSample.TakeAsync(uri);
            var circuits = await OpenAsync(options, sessions, stats, [kind], options.Circuits);
            await Task.Delay(1000);
            var after = await ServerSample.TakeAsync(uri);
            var n = Math.Max(1, circuits.Count);
            var cards = kind == "board" && circuits.Count > 0 ? $" ({circuits[0].Board.CardCount} cards)" : "";
            Console.WriteLine($"| {kind}{cards} | {circuits.Count} | {(after.HeapBytes - before.HeapBytes) / 1024.0 / n:0} KB | {(after.WorkingSetBytes - before.WorkingSetBytes) / 1024.0 / n:0} KB |");
            await CloseAsync(circuits);
            await Task.Delay(2000);
        }

        return 0;
    }

    /// <summary>N circuits of mixed page kinds held open for the duration; every one must stay connected.</summary>
    public static async Task<int> IdleAsync(Options options, Sessions sessions, Stats stats)
    {
        var uri = new Uri(options.Url);
        var before = await ServerSample.TakeAsync(uri);
        var clock = Stopwatch.StartNew();
        var circuits = await OpenAsync(options, sessions, stats, options.Kinds, options.Circuits);
        Console.WriteLine($"opened {circuits.Count} of {options.Circuits} circuits in {clock.Elapsed.TotalSeconds:0.0} s; holding {options.Duration} s");
        await Task.Delay(TimeSpan.FromSeconds(options.Duration));
        var after = await ServerSample.TakeAsync(uri);
        Console.WriteLine($"| idle circuits | held | errors | disconnects | heap after full GC | per circuit | working set |");
        Console.WriteLine($"| {options.Circuits} | {circuits.Count} | {stats.Errors} | {stats.Disconnects} | {after.HeapBytes / 1048576.0:0} MB | {(after.HeapBytes - before.HeapBytes) / 1024.0 / Math.Max(1, circuits.Count):0} KB | {after.WorkingSetBytes / 1048576.0:0} MB |");
        Console.WriteLine($"server circuits by page: {JsonSerializer.Serialize(after.Circuits, Web)}");
        await CloseAsync(circuits);
        return circuits.Count == options.Circuits ? 0 : 1;
    }
}

/// <summary>One order change and who has seen it (watcher index → milliseconds).</summary>
internal sealed class Change(int id, string number)
{
    public int Id { get; } = id;

    public byte[] Bytes { get; } = Encoding.UTF8.GetBytes(number);

    public long Sent { get; set; }

    public ConcurrentDictionary<int, double> SeenBy { get; } = new();
}

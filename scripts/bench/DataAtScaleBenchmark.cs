#:project ../../Maxmontaj.Web/Maxmontaj.Web.csproj
#:property PublishAot=false
// Issue 12's "data at scale" benchmark: the order list (filters, search, sorts, first/next/last page), the board for a day
// and the dashboards over the generated data set (scripts/load/datagen) in MariaDB. For each case it times the service call
// as a page makes it (EF), records the SQL EF sent, replays exactly those commands through MySqlConnector (raw) and prints
// p50/p95 of both, their ratio and the budget. Run through scripts/load/bench-data.sh. Figures, not a pass/fail test.
using System.Diagnostics;
using System.Globalization;
using Maxmontaj.Core;
using Maxmontaj.Core.Analytics;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;

var connection = Environment.GetEnvironmentVariable("MAXMONTAJ_BENCH_DB") ?? throw new InvalidOperationException("MAXMONTAJ_BENCH_DB is not set");
var runs = int.Parse(Environment.GetEnvironmentVariable("MAXMONTAJ_BENCH_RUNS") ?? "12", CultureInfo.InvariantCulture);
var only = Environment.GetEnvironmentVariable("MAXMONTAJ_BENCH_ONLY");
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Database:Provider"] = "MariaDb",
    ["ConnectionStrings:Maxmontaj"] = connection,
}).Build();
var services = new ServiceCollection()
    .AddLogging()
    .AddSingleton<IConfiguration>(configuration)
    .AddSingleton<TimeProvider>(new FixedTime(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(3))))
    .AddSingleton<ICurrentUser>(new Office())
    .AddHttpContextAccessor();
services.AddMaxmontajCore().AddMaxmontajData().AddMaxmontajIdentity();
await using var provider = services.BuildServiceProvider();
using var capture = new CommandCapture();
DiagnosticListener.AllListeners.Subscribe(capture);

// Sample values from the data: a busy executor and a quiet one, a customer's phone and a number.
await using var sample = new MySqlConnection(connection);
await sample.OpenAsync();
async Task<string> ScalarAsync(string sql) => Convert.ToString(await new MySqlCommand(sql, sample).ExecuteScalarAsync(), CultureInfo.InvariantCulture)!;
var busy = Guid.Parse(await ScalarAsync("SELECT UserId FROM OrderAssignments WHERE Role = 'Lead' GROUP BY UserId ORDER BY COUNT(*) DESC LIMIT 1"));
var quiet = Guid.Parse(await ScalarAsync("SELECT UserId FROM OrderAssignments WHERE Role = 'Lead' GROUP BY UserId ORDER BY COUNT(*) LIMIT 1"));
var phone = await ScalarAsync("SELECT ContactPhone FROM Orders ORDER BY Id LIMIT 1 OFFSET 5000");
var number = await ScalarAsync("SELECT Number FROM Orders ORDER BY Id LIMIT 1 OFFSET 7000");
var name = await ScalarAsync("SELECT CustomerName FROM Orders ORDER BY Id LIMIT 1 OFFSET 9000");
var calendar = provider.GetRequiredService<CompanyCalendar>();
var today = new DateOnly(2026, 11, 30);
var (weekStart, _) = calendar.DayBounds(today.AddDays(-3));
var (_, weekEnd) = calendar.DayBounds(today.AddDays(3));
var formatted = $"8 ({phone[2..5]}) {phone[5..8]}-{phone[8..10]}-{phone[10..]}";

var list = new OrderListQuery();
var lists = new List<(string Name, OrderListQuery Query)>
{
    ("list: newest first, first page", list),
    ("list: newest first, last page", list with { Seek = OrderSeek.Last }),
    ("list: status Scheduled", list with { Statuses = [OrderStatus.Scheduled] }),
    ("list: status OnHold (rare)", list with { Statuses = [OrderStatus.OnHold] }),
    ("list: status Closed, last page", list with { Statuses = [OrderStatus.Closed], Seek = OrderSeek.Last }),
    ("list: work type 3", list with { WorkTypeId = 3 }),
    ("list: busiest executor", list with { PersonId = busy }),
    ("list: quietest executor, last page", list with { PersonId = quiet, Seek = OrderSeek.Last }),
    ("list: visits in a week, by visit", list with { From = weekStart, To = weekEnd, SortBy = OrderSortField.ScheduledStart, SortDescending = false }),
    ("list: by number asc, last page", list with { SortBy = OrderSortField.Number, SortDescending = false, Seek = OrderSeek.Last }),
    ("list: by customer name", list with { SortBy = OrderSortField.CustomerName, SortDescending = false }),
    ("list: by customer name, last page", list with { SortBy = OrderSortField.CustomerName, SortDescending = false, Seek = OrderSeek.Last }),
    ("list: by status", list with { SortBy = OrderSortField.Status }),
    ("list: by visit desc", list with { SortBy = OrderSortField.ScheduledStart }),
    ("search: number", list with { Text = number }),
    ("search: phone, other format", list with { Text = formatted }),
    ("search: part of a phone (7 digits)", list with { Text = phone[^7..^4] + "-" + phone[^4..^2] + "-" + phone[^2..] }),
    ("search: part of an address (кудрин)", list with { Text = "кудрин" }),
    ("search: street and house (садовая 12)", list with { Text = "садовая 12" }),
    ("search: name", list with { Text = name }),
    ("search: part of a surname (воробь)", list with { Text = "воробь" }),
    ("search: town + street, last page", list with { Text = "химки ленина", Seek = OrderSeek.Last }),
};

var month = new AnalyticsFilter(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));
var quarter = new AnalyticsFilter(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 30));
var cases = new List<(string Name, double Budget, Func<IServiceProvider, Task> Run)>();
foreach (var (caseName, query) in lists)
{
    cases.Add((caseName, 100, sp => sp.GetRequiredService<OrderQueries>().ListAsync(query)));
}

// The next page after the first one, seeking from its last row.
var firstPage = await WithScope(sp => sp.GetRequiredService<OrderQueries>().ListAsync(list));
cases.Add(("list: newest first, next page", 100, sp => sp.GetRequiredService<OrderQueries>().ListAsync(list with { Seek = OrderSeek.After, Cursor = firstPage.Last })));
cases.Add(("board: today", 100, sp => sp.GetRequiredService<OrderQueries>().BoardAsync(today, null)));
cases.Add(("board: tomorrow", 100, sp => sp.GetRequiredService<OrderQueries>().BoardAsync(today.AddDays(1), null)));
cases.Add(("dashboard: month", 500, sp => sp.GetRequiredService<AnalyticsService>().DashboardAsync(month)));
cases.Add(("dashboard: month, one work type", 500, sp => sp.GetRequiredService<AnalyticsService>().DashboardAsync(month with { WorkTypeId = 1 })));
cases.Add(("dashboard: quarter", 1500, sp => sp.GetRequiredService<AnalyticsService>().DashboardAsync(quarter)));
cases.Add(("staff report: month", 500, sp => sp.GetRequiredService<AnalyticsService>().StaffReportAsync(month)));

Console.WriteLine($"| case | EF p50 ms | EF p95 ms | raw p50 ms | EF/raw | budget ms | rows/count |");
Console.WriteLine($"| --- | ---: | ---: | ---: | ---: | ---: | --- |");
foreach (var (caseName, budget, run) in cases)
{
    if (only is not null && !only.Split(',').Any(o => caseName.Contains(o, StringComparison.OrdinalIgnoreCase)))
    {
        continue;
    }

    var ef = new List<double>();
    List<CapturedCommand> commands = [];
    object? result = null;
    for (var i = 0; i < runs; i++)
    {
        capture.Start();
        var clock = Stopwatch.StartNew();
        await using (var scope = provider.CreateAsyncScope())
        {
            var task = run(scope.ServiceProvider);
            await task;
            result = task.GetType().GetProperty("Result")?.GetValue(task);
        }

        clock.Stop();
        commands = capture.Stop();
        if (i >= 2)
        {
            ef.Add(clock.Elapsed.TotalMilliseconds);
        }
    }

    // The same commands, with the same parameters, on one open connection (EF opens and closes its own per call).
    var raw = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var clock = Stopwatch.StartNew();
        await using (var db = new MySqlConnection(connection))
        {
            await db.OpenAsync();
            foreach (var command in commands)
            {
                await using var sql = new MySqlCommand(command.Text, db);
                sql.Parameters.AddRange(command.Parameters.Select(p => p.Clone()).ToArray());
                await using var reader = await sql.ExecuteReaderAsync();
                var values = new object[Math.Max(1, reader.FieldCount)];
                while (await reader.ReadAsync())
                {
                    reader.GetValues(values);
                }
            }
        }

        clock.Stop();
        if (i >= 2)
        {
            raw.Add(clock.Elapsed.TotalMilliseconds);
        }
    }

    var shape = result switch
    {
        OrderPage page => $"{page.Items.Count} rows, {(page.Count.MoreThan ? ">" : "")}{page.Count.Value}",
        IReadOnlyList<OrderListItem> cards => $"{cards.Count} cards",
        Result<AnalyticsDashboard> { Value: { } d } => $"{d.Current.Created} created",
        Result<IReadOnlyList<StaffReportRow>> { Value: { } r } => $"{r.Count} people",
        _ => "",
    };
    var efP50 = Percentile(ef, 0.5);
    var rawP50 = Percentile(raw, 0.5);
    Console.WriteLine($"| {caseName} | {efP50:N1} | {Percentile(ef, 0.95):N1} | {rawP50:N1} | {efP50 / rawP50:N2} | {budget:N0}{(efP50 > budget ? " ✗" : "")} | {shape}, {commands.Count} cmd |");
}

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

async Task<T> WithScope<T>(Func<IServiceProvider, Task<T>> run)
{
    await using var scope = provider.CreateAsyncScope();
    return await run(scope.ServiceProvider);
}

/// <summary>An admin-dispatcher, so that the money figures are computed too.</summary>
sealed class Office : ICurrentUser
{
    public Guid? UserId { get; } = Guid.NewGuid();

    public bool IsInRole(string role) => role is Roles.Dispatcher or Roles.Admin;
}

sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}

sealed record CapturedCommand(string Text, List<MySqlParameter> Parameters);

/// <summary>Records the commands EF executes (text and parameters) between Start and Stop.</summary>
sealed class CommandCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    private List<CapturedCommand>? _commands;

    public void Start() => _commands = [];

    public List<CapturedCommand> Stop()
    {
        var commands = _commands ?? [];
        _commands = null;
        return commands;
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            _subscriptions.Add(listener.Subscribe(this));
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data && _commands is { } commands)
        {
            lock (commands)
            {
                commands.Add(new CapturedCommand(data.Command.CommandText,
                    data.Command.Parameters.Cast<MySqlParameter>().Select(p => p.Clone()).ToList()));
            }
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose() => _subscriptions.ForEach(s => s.Dispose());
}

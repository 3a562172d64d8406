#:project ../../Maxmontaj.Web/Maxmontaj.Web.csproj
#:property PublishAot=false
// Order-list and board timings on a million orders in MariaDB. Run through scripts/bench-orders.sh, which starts a
// throwaway server; prints the median of several runs per query. Figures, not a pass/fail test.
using System.Diagnostics;
using Maxmontaj.Core;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Data.Seeding;
using Maxmontaj.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;

var server = Environment.GetEnvironmentVariable("MAXMONTAJ_TEST_MARIADB") ?? throw new InvalidOperationException("MAXMONTAJ_TEST_MARIADB is not set");
var count = int.Parse(Environment.GetEnvironmentVariable("MAXMONTAJ_BENCH_ORDERS") ?? "1000000");
var connection = new MySqlConnectionStringBuilder(server) { Database = "mx_bench", DefaultCommandTimeout = 600 }.ConnectionString;
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Database:Provider"] = "MariaDb",
    ["ConnectionStrings:Maxmontaj"] = connection,
}).Build();
var services = new ServiceCollection()
    .AddLogging()
    .AddSingleton<IConfiguration>(configuration)
    .AddSingleton(TimeProvider.System)
    .AddSingleton<ICurrentUser>(new Dispatcher())
    .AddHttpContextAccessor();
services.AddMaxmontajCore().AddMaxmontajData().AddMaxmontajIdentity();
await using var provider = services.BuildServiceProvider();

await using (var scope = provider.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<MaxmontajDbContext>();
    await db.Database.EnsureDeletedAsync();
    var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
    await initializer.MigrateAsync();
    await initializer.SeedAsync(withDemoData: true);
    var clock = Stopwatch.StartNew();
    // The only interpolated value is an int parsed above.
#pragma warning disable EF1002
    // MariaDB's sequence engine makes the rows in the server: visits spread over two years, 8 statuses, 7 work types.
    await db.Database.ExecuteSqlRawAsync($"""
        INSERT INTO Orders (Id, Number, `Year`, Sequence, CustomerName, ContactPhone, AddressText, WorkTypeId, Description,
            ScheduledStart, ScheduledEnd, EstimatedMinutes, PriceEstimate, Priority, Source, Status, SearchText, Version, CreatedAt,
            CreatedDay, CompletedDay, ClosedDay, CancelledDay, LeadTimeMinutes, OnSiteMinutes, StartedOnTime, ReworkCount, HadCallback, FinalPrice)
        SELECT UUID(), CONCAT('2025-', LPAD(seq, 7, '0')), 2025, seq, CONCAT('Клиент ', seq), CONCAT('+7916', LPAD(seq, 7, '0')),
            CONCAT('ул. Тестовая, ', seq MOD 500, ', кв. ', seq MOD 300), 1 + seq MOD 7, 'Описание',
            TIMESTAMP('2025-01-01 06:00:00') + INTERVAL (seq MOD 730) DAY + INTERVAL (seq MOD 10) HOUR,
            TIMESTAMP('2025-01-01 08:00:00') + INTERVAL (seq MOD 730) DAY + INTERVAL (seq MOD 10) HOUR, 120, 10000,
            IF(seq MOD 10 = 0, 'Urgent', 'Normal'), 'Phone',
            ELT(1 + seq MOD 8, 'New', 'Scheduled', 'InProgress', 'Completed', 'Closed', 'OnHold', 'Cancelled', 'Rework'),
            UPPER(CONCAT('2025-', LPAD(seq, 7, '0'), ' Клиент ', seq, ' +7916', LPAD(seq, 7, '0'), ' ул. Тестовая, ', seq MOD 500)),
            UUID(), TIMESTAMP('2024-12-01') + INTERVAL (seq MOD 760) DAY,
            DATE_FORMAT(TIMESTAMP('2024-12-01') + INTERVAL (seq MOD 760) DAY, '%Y%m%d') + 0,
            IF(seq MOD 8 IN (3, 4), DATE_FORMAT(TIMESTAMP('2024-12-03') + INTERVAL (seq MOD 760) DAY, '%Y%m%d') + 0, NULL),
            IF(seq MOD 8 = 4, DATE_FORMAT(TIMESTAMP('2024-12-04') + INTERVAL (seq MOD 760) DAY, '%Y%m%d') + 0, NULL),
            IF(seq MOD 8 = 6, DATE_FORMAT(TIMESTAMP('2024-12-02') + INTERVAL (seq MOD 760) DAY, '%Y%m%d') + 0, NULL),
            IF(seq MOD 8 IN (3, 4), 2880 + seq MOD 3000, NULL), IF(seq MOD 8 IN (3, 4), 60 + seq MOD 200, NULL),
            IF(seq MOD 8 IN (2, 3, 4), seq MOD 7 <> 0, NULL), IF(seq MOD 29 = 0, 1, 0), seq MOD 31 = 0,
            IF(seq MOD 8 = 4, 10000 + seq MOD 50000, NULL)
        FROM seq_1_to_{count}
        """);
    // Every executor leads some of the closed and completed orders.
    await db.Database.ExecuteSqlRawAsync($"""
        INSERT INTO OrderAssignments (OrderId, UserId, `Role`, AssignedAt)
        SELECT o.Id, u.Id, 'Lead', o.CreatedAt FROM Orders o
        JOIN (SELECT u.Id, ROW_NUMBER() OVER (ORDER BY u.Id) - 1 AS n FROM AspNetUsers u
              JOIN AspNetUserRoles ur ON ur.UserId = u.Id JOIN AspNetRoles r ON r.Id = ur.RoleId WHERE r.Name = 'Executor') u
            ON u.n = o.Sequence MOD 8
        WHERE o.`Year` = 2025 AND o.Sequence MOD 8 IN (3, 4)
        """);
#pragma warning restore EF1002
    await db.Database.ExecuteSqlRawAsync("ANALYZE TABLE Orders");
    Console.WriteLine($"Inserted {count:N0} orders in {clock.Elapsed.TotalSeconds:N1} s");
}

var calendar = provider.GetRequiredService<CompanyCalendar>();
var day = new DateOnly(2026, 3, 15);
var (dayStart, dayEnd) = calendar.DayBounds(day);
var cases = new (string Name, Func<OrderQueries, Task> Run)[]
{
    ("first page, newest first", q => q.ListAsync(new OrderListQuery())),
    ("last page, newest first (keyset)", q => q.ListAsync(new OrderListQuery(Seek: OrderSeek.Last))),
    ("status = Scheduled", q => q.ListAsync(new OrderListQuery(Statuses: [OrderStatus.Scheduled]))),
    ("work type + one week of visits", q => q.ListAsync(new OrderListQuery(WorkTypeId: 3, From: dayStart, To: dayStart.AddDays(7), SortBy: OrderSortField.ScheduledStart))),
    ("number search", q => q.ListAsync(new OrderListQuery(Text: "2025-0500000"))),
    ("phone search", q => q.ListAsync(new OrderListQuery(Text: "+7 916 050-00-00"))),
    ("free text (address) search", q => q.ListAsync(new OrderListQuery(Text: "тестовая, 123"))),
    ("board for one day", q => q.BoardAsync(day, null)),
};
var month = new Maxmontaj.Core.Analytics.AnalyticsFilter(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));
var analyticsCases = new (string Name, Func<Maxmontaj.Core.Analytics.AnalyticsService, Task> Run)[]
{
    ("analytics dashboard, one month", a => a.DashboardAsync(month)),
    ("analytics dashboard, month + type", a => a.DashboardAsync(month with { WorkTypeId = 2 })),
    ("staff report, one month", a => a.StaffReportAsync(month)),
};

Console.WriteLine($"{"query",-34} {"median ms",10} {"max ms",8}");
foreach (var (name, run) in cases)
{
    var times = new List<double>();
    for (var i = 0; i < 6; i++)
    {
        await using var scope = provider.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<OrderQueries>();
        var clock = Stopwatch.StartNew();
        await run(queries);
        if (i > 0)
        {
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
    }

    times.Sort();
    Console.WriteLine($"{name,-34} {times[times.Count / 2],10:N1} {times[^1],8:N1}");
}

foreach (var (name, run) in analyticsCases)
{
    var times = new List<double>();
    for (var i = 0; i < 6; i++)
    {
        await using var scope = provider.CreateAsyncScope();
        var analytics = scope.ServiceProvider.GetRequiredService<Maxmontaj.Core.Analytics.AnalyticsService>();
        var clock = Stopwatch.StartNew();
        await run(analytics);
        if (i > 0)
        {
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
    }

    times.Sort();
    Console.WriteLine($"{name,-34} {times[times.Count / 2],10:N1} {times[^1],8:N1}");
}

/// <summary>An admin-dispatcher, so that the money figures are computed too.</summary>
sealed class Dispatcher : ICurrentUser
{
    public Guid? UserId { get; } = Guid.NewGuid();

    public bool IsInRole(string role) => role is Roles.Dispatcher or Roles.Admin;
}

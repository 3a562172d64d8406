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
    await initializer.SeedAsync(withDemoData: false);
    var clock = Stopwatch.StartNew();
    // The only interpolated value is an int parsed above.
#pragma warning disable EF1002
    // MariaDB's sequence engine makes the rows in the server: visits spread over two years, 8 statuses, 7 work types.
    await db.Database.ExecuteSqlRawAsync($"""
        INSERT INTO Orders (Id, Number, `Year`, Sequence, CustomerName, ContactPhone, AddressText, WorkTypeId, Description,
            ScheduledStart, ScheduledEnd, EstimatedMinutes, PriceEstimate, Priority, Source, Status, SearchText, Version, CreatedAt)
        SELECT UUID(), CONCAT('2025-', LPAD(seq, 7, '0')), 2025, seq, CONCAT('Клиент ', seq), CONCAT('+7916', LPAD(seq, 7, '0')),
            CONCAT('ул. Тестовая, ', seq MOD 500, ', кв. ', seq MOD 300), 1 + seq MOD 7, 'Описание',
            TIMESTAMP('2025-01-01 06:00:00') + INTERVAL (seq MOD 730) DAY + INTERVAL (seq MOD 10) HOUR,
            TIMESTAMP('2025-01-01 08:00:00') + INTERVAL (seq MOD 730) DAY + INTERVAL (seq MOD 10) HOUR, 120, 10000,
            IF(seq MOD 10 = 0, 'Urgent', 'Normal'), 'Phone',
            ELT(1 + seq MOD 8, 'New', 'Scheduled', 'InProgress', 'Completed', 'Closed', 'OnHold', 'Cancelled', 'Rework'),
            UPPER(CONCAT('2025-', LPAD(seq, 7, '0'), ' Клиент ', seq, ' +7916', LPAD(seq, 7, '0'), ' ул. Тестовая, ', seq MOD 500)),
            UUID(), TIMESTAMP('2024-12-01') + INTERVAL (seq MOD 760) DAY
        FROM seq_1_to_{count}
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
    ("page 2000, newest first", q => q.ListAsync(new OrderListQuery(Page: 2000))),
    ("status = Scheduled", q => q.ListAsync(new OrderListQuery(Statuses: [OrderStatus.Scheduled]))),
    ("work type + one week of visits", q => q.ListAsync(new OrderListQuery(WorkTypeId: 3, From: dayStart, To: dayStart.AddDays(7), SortBy: OrderSortField.ScheduledStart))),
    ("number search", q => q.ListAsync(new OrderListQuery(Text: "2025-0500000"))),
    ("phone search", q => q.ListAsync(new OrderListQuery(Text: "+7 916 050-00-00"))),
    ("free text (address) search", q => q.ListAsync(new OrderListQuery(Text: "тестовая, 123"))),
    ("board for one day", q => q.BoardAsync(day, null)),
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

sealed class Dispatcher : ICurrentUser
{
    public Guid? UserId { get; } = Guid.NewGuid();

    public bool IsInRole(string role) => role == Roles.Dispatcher;
}

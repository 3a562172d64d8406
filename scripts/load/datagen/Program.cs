// Generates a company's two years of orders with realistic skew and bulk-loads them into a migrated MariaDB schema:
//   dotnet run --project scripts/load/datagen -c Release -- "<connection string>" [orders=1000000] [seed=12]
// Most orders are closed; a few hundred a day are open around today; 50 executors and 150 other staff; 20,000 customers
// whose order counts follow a Zipf-like law; timelines, assignments, reviews, chat messages and notifications; the
// lifecycle facts analytics read (CreatedDay, CompletedDay, ClosedDay, CancelledDay, LeadTimeMinutes, ...) written as the
// order service writes them. Rows go in through LOAD DATA LOCAL INFILE (MySqlBulkLoader) from memory, in chunks.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Maxmontaj.Core.Analytics;
using Maxmontaj.Core.Orders;
using MySqlConnector;

var connectionString = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("MAXMONTAJ_DATAGEN_DB")
    ?? throw new InvalidOperationException("pass a connection string (with Database=...)");
var orderCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
var seed = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 12;
var csb = new MySqlConnectionStringBuilder(connectionString) { AllowLoadLocalInfile = true, DefaultCommandTimeout = 3600 };
var clock = Stopwatch.StartNew();
var random = new Random(seed);
var moscow = TimeSpan.FromHours(3);
// "Today" is fixed so that runs are comparable: the data end on it and the open orders sit around it.
var today = new DateTimeOffset(2026, 11, 30, 0, 0, 0, moscow);
var firstDay = today.AddDays(-730);

await using var connection = new MySqlConnection(csb.ConnectionString);
await connection.OpenAsync();
var columns = await ColumnsAsync(connection);
var roles = new Dictionary<string, Guid>();
await using (var command = new MySqlCommand("SELECT Name, Id FROM AspNetRoles", connection))
await using (var reader = await command.ExecuteReaderAsync())
{
    while (await reader.ReadAsync())
    {
        roles[reader.GetString(0)] = reader.GetGuid(1);
    }
}

var workTypes = new List<int>();
await using (var command = new MySqlCommand("SELECT Id FROM WorkTypes ORDER BY SortOrder, Id", connection))
await using (var reader = await command.ExecuteReaderAsync())
{
    while (await reader.ReadAsync())
    {
        workTypes.Add(reader.GetInt32(0));
    }
}

// Work types by popularity: installation leads, then measurement, repairs and the rest.
double[] typeWeights = [.. workTypes.Select((_, i) => 1.0 / (i + 1))];
const int executors = 50, specialists = 120, dispatchers = 25, admins = 5, customers = 20_000;
var executorIds = Enumerable.Range(0, executors).Select(_ => NewId()).ToArray();
var specialistIds = Enumerable.Range(0, specialists).Select(_ => NewId()).ToArray();
var officeIds = Enumerable.Range(0, dispatchers + admins).Select(_ => NewId()).ToArray();
var customerIds = Enumerable.Range(0, customers).Select(_ => NewId()).ToArray();

// People.
var users = new Table("AspNetUsers", columns);
var userRoles = new Table("AspNetUserRoles", columns);
var skills = new Table("UserSkills", columns);
var customerNames = new string[customers];
var customerPhones = new string[customers];
var customerAddresses = new string[customers];
void AddUser(Guid id, string role, int n, string name, string phone)
{
    var login = $"{role.ToLowerInvariant()}{n}@load.maxmontaj.ru";
    users.Row(new()
    {
        ["Id"] = id, ["UserName"] = login, ["NormalizedUserName"] = login.ToUpperInvariant(), ["Email"] = login,
        ["NormalizedEmail"] = login.ToUpperInvariant(), ["EmailConfirmed"] = true, ["FullName"] = name,
        ["NormalizedFullName"] = name.ToUpperInvariant(), ["IsActive"] = true, ["PhoneNumber"] = phone, ["PhoneNumberConfirmed"] = role == "Customer",
        ["SecurityStamp"] = Guid.NewGuid().ToString("N"), ["ConcurrencyStamp"] = Guid.NewGuid().ToString(), ["LockoutEnabled"] = true,
        ["NotificationChannels"] = "Telegram,WhatsApp,Email", ["CreatedAt"] = firstDay.AddDays(-random.Next(30)),
    });
    userRoles.Row(new() { ["UserId"] = id, ["RoleId"] = roles[role] });
}

for (var i = 0; i < executors; i++)
{
    AddUser(executorIds[i], "Executor", i, Names.Person(random), Names.Phone(random));
    foreach (var type in workTypes.Where((_, k) => k == 0 || random.Next(3) == 0))
    {
        skills.Row(new() { ["UserId"] = executorIds[i], ["WorkTypeId"] = type });
    }
}

for (var i = 0; i < specialists; i++)
{
    AddUser(specialistIds[i], "Specialist", i, Names.Person(random), Names.Phone(random));
}

for (var i = 0; i < officeIds.Length; i++)
{
    AddUser(officeIds[i], i < dispatchers ? "Dispatcher" : "Admin", i, Names.Person(random), Names.Phone(random));
}

for (var i = 0; i < customers; i++)
{
    customerNames[i] = Names.Person(random);
    customerPhones[i] = Names.Phone(random);
    customerAddresses[i] = Names.Address(random);
    AddUser(customerIds[i], "Customer", i, customerNames[i], customerPhones[i]);
}

var people = users.Count;
await users.LoadAsync(connection);
await userRoles.LoadAsync(connection);
await skills.LoadAsync(connection);
Console.WriteLine($"[datagen] {people:N0} people in {clock.Elapsed.TotalSeconds:N0} s");

// Zipf-like customers: the k-th most frequent orders about 1/k^0.9 as often as the first.
var customerCdf = Cdf(Enumerable.Range(1, customers).Select(k => 1 / Math.Pow(k, 0.9)).ToArray());
var executorCdf = Cdf(Enumerable.Range(1, executors).Select(k => 1 / Math.Pow(k, 0.5)).ToArray());
var typeCdf = Cdf(typeWeights);
var orders = new Table("Orders", columns);
var assignments = new Table("OrderAssignments", columns);
var events = new Table("OrderEvents", columns);
var reviews = new Table("Reviews", columns);
var chat = new Table("ChatMessages", columns);
var notifications = new Table("Notifications", columns);
var sequences = new Dictionary<int, int>();
var totalSeconds = (today - firstDay).TotalSeconds;
var counts = new Dictionary<OrderStatus, int>();
long notificationKey = 0;
for (var n = 0; n < orderCount; n++)
{
    // Creation times grow a little over the two years (the company grows) and follow office hours.
    var position = Math.Sqrt(random.NextDouble() * 0.75 + 0.25 * random.NextDouble());
    var day = firstDay.AddDays(Math.Floor(position * 730));
    var created = day.AddHours(8 + random.Next(12)).AddMinutes(random.Next(60)).AddSeconds(random.Next(60));
    var customer = Pick(customerCdf, random);
    var type = workTypes[Pick(typeCdf, random)];
    var order = new Order
    {
        Id = NewId(), CustomerId = random.Next(10) < 7 ? customerIds[customer] : null, CustomerName = customerNames[customer],
        ContactPhone = customerPhones[customer], Address = new Address { Text = random.Next(10) < 8 ? customerAddresses[customer] : Names.Address(random) },
        WorkTypeId = type, Description = Names.Description(random, type), Priority = random.Next(12) == 0 ? OrderPriority.Urgent : OrderPriority.Normal,
        Source = (OrderSource)Pick(SourceCdf, random), CreatedAt = created.ToUniversalTime(), Version = Guid.NewGuid(),
        CreatedDay = DayNumber(created), EstimatedMinutes = 60 * (1 + random.Next(6)), PriceEstimate = 1000 * (5 + random.Next(80)),
    };
    order.Year = created.Year;
    order.Sequence = sequences[order.Year] = sequences.GetValueOrDefault(order.Year) + 1;
    order.Number = $"{order.Year}-{order.Sequence:000000}";
    order.RefreshSearchText();

    // The visit: one to seven days after the call, in a two-hour window.
    var visit = created.Date.AddDays(1 + random.Next(7)).AddHours(9 + 2 * random.Next(5));
    var visitStart = new DateTimeOffset(visit, moscow);
    var age = (today - visitStart).TotalDays;
    var status = age switch
    {
        > 14 => random.Next(100) switch { < 92 => OrderStatus.Closed, < 98 => OrderStatus.Cancelled, _ => OrderStatus.Closed },
        > 1 => random.Next(100) switch { < 55 => OrderStatus.Closed, < 85 => OrderStatus.Completed, < 90 => OrderStatus.Rework, < 95 => OrderStatus.Cancelled, _ => OrderStatus.OnHold },
        > 0 => random.Next(100) switch { < 40 => OrderStatus.InProgress, < 70 => OrderStatus.Completed, < 95 => OrderStatus.Scheduled, _ => OrderStatus.OnHold },
        _ => random.Next(100) switch { < 80 => OrderStatus.Scheduled, < 92 => OrderStatus.New, < 97 => OrderStatus.OnHold, _ => OrderStatus.Cancelled },
    };
    order.Status = status;
    counts[status] = counts.GetValueOrDefault(status) + 1;
    var unscheduled = status == OrderStatus.New && random.Next(3) == 0;
    if (!unscheduled)
    {
        order.ScheduledStart = visitStart.ToUniversalTime();
        order.ScheduledEnd = visitStart.AddHours(2).ToUniversalTime();
    }

    var lead = executorIds[Pick(executorCdf, random)];
    var at = created;
    var timeline = new List<(DateTimeOffset At, OrderEventKind Kind, string? Details, Guid? Actor)> { (created, OrderEventKind.Created, null, officeIds[random.Next(dispatchers)]) };
    if (status != OrderStatus.New)
    {
        timeline.Add((created.AddMinutes(5), OrderEventKind.Assigned, "Lead", officeIds[random.Next(dispatchers)]));
        timeline.Add((created.AddMinutes(6), OrderEventKind.StatusChanged, "New→Scheduled", officeIds[random.Next(dispatchers)]));
        var helper = random.Next(10) == 0 ? specialistIds[random.Next(specialists)] : (Guid?)null;
        assignments.Row(new() { ["OrderId"] = order.Id, ["UserId"] = lead, ["Role"] = "Lead", ["AssignedAt"] = created.AddMinutes(5), ["AcceptedAt"] = created.AddMinutes(30), ["OrderCreatedAt"] = order.CreatedAt });
        if (helper is { } h)
        {
            assignments.Row(new() { ["OrderId"] = order.Id, ["UserId"] = h, ["Role"] = "Helper", ["AssignedAt"] = created.AddMinutes(5), ["OrderCreatedAt"] = order.CreatedAt });
        }
    }

    if (status is OrderStatus.InProgress or OrderStatus.Completed or OrderStatus.Closed or OrderStatus.Rework)
    {
        var start = visitStart.AddMinutes(random.Next(100) < 85 ? random.Next(-10, 15) : random.Next(16, 120));
        order.StartedAt = order.FirstStartedAt = start.ToUniversalTime();
        order.StartedOnTime = start <= visitStart.AddMinutes(KpiDefinitions.OnTimeGraceMinutes);
        timeline.Add((start, OrderEventKind.StatusChanged, "Scheduled→InProgress", lead));
        if (status is OrderStatus.Completed or OrderStatus.Closed)
        {
            var rework = random.Next(100) < 6 ? 1 : 0;
            var completed = start.AddMinutes(order.EstimatedMinutes!.Value * (0.6 + random.NextDouble()) + 1440 * rework);
            order.ReworkCount = rework;
            order.CompletedAt = completed.ToUniversalTime();
            order.CompletedDay = DayNumber(completed);
            order.LeadTimeMinutes = (int)(completed - created).TotalMinutes;
            order.OnSiteMinutes = (int)(completed - start).TotalMinutes - 1440 * rework;
            order.HadCallback = random.Next(100) < 3;
            order.MeasurementToInstallMinutes = type == workTypes[0] && random.Next(3) == 0 ? 1440 * (3 + random.Next(20)) : null;
            timeline.Add((completed, OrderEventKind.ReportSubmitted, null, lead));
            timeline.Add((completed, OrderEventKind.StatusChanged, "InProgress→Completed", lead));
            if (status == OrderStatus.Closed)
            {
                var closed = completed.AddHours(2 + random.Next(40));
                order.ClosedAt = closed.ToUniversalTime();
                order.ClosedDay = DayNumber(closed);
                order.FinalPrice = order.PriceEstimate * (decimal)(0.8 + 0.4 * random.NextDouble());
                timeline.Add((closed, OrderEventKind.ReportAccepted, null, officeIds[random.Next(dispatchers)]));
                timeline.Add((closed, OrderEventKind.StatusChanged, "Completed→Closed", officeIds[random.Next(dispatchers)]));
                if (random.Next(100) < 30)
                {
                    var reviewed = closed.AddDays(random.Next(5));
                    reviews.Row(new()
                    {
                        ["Id"] = NewId(), ["OrderId"] = order.Id, ["ExecutorId"] = lead, ["Rating"] = random.Next(100) switch { < 70 => 5, < 88 => 4, < 95 => 3, < 98 => 2, _ => 1 },
                        ["Comment"] = random.Next(3) == 0 ? Names.ReviewText(random) : null, ["CreatedAt"] = reviewed, ["CreatedDay"] = DayNumber(reviewed), ["WorkTypeId"] = order.WorkTypeId,
                    });
                }
            }
        }
    }
    else if (status == OrderStatus.Cancelled)
    {
        var cancelled = created.AddHours(1 + random.Next(72));
        order.CancelledDay = DayNumber(cancelled);
        timeline.Add((cancelled, OrderEventKind.StatusChanged, $"Scheduled→Cancelled", officeIds[random.Next(dispatchers)]));
    }

    orders.Row(OrderRow(order));
    foreach (var e in timeline)
    {
        events.Row(new() { ["OrderId"] = order.Id, ["At"] = e.At, ["Kind"] = e.Kind.ToString(), ["Details"] = e.Details, ["ActorId"] = e.Actor });
    }

    // Chat: most orders have a few messages; notifications: the customer hears of the visit and the completion.
    for (var m = random.Next(4) == 0 ? random.Next(1, 6) : 0; m > 0; m--)
    {
        var text = Names.ChatText(random);
        var staff = random.Next(3) > 0;
        chat.Row(new()
        {
            ["OrderId"] = order.Id, ["Channel"] = staff ? "Staff" : "Customer", ["AuthorId"] = staff ? lead : customerIds[customer], ["Text"] = text,
            ["SearchText"] = text.ToUpperInvariant(), ["SentAt"] = created.AddMinutes(10 + random.Next(3000)),
        });
    }

    if (order.CustomerId is { } account && status != OrderStatus.New)
    {
        notifications.Row(new()
        {
            ["UserId"] = account, ["OrderId"] = order.Id, ["Kind"] = "status", ["Text"] = $"Заказ {order.Number}: визит назначен",
            ["Status"] = "Delivered", ["DeliveredVia"] = "Telegram", ["IdempotencyKey"] = $"load:{++notificationKey}", ["CreatedAt"] = created.AddMinutes(6),
            ["NextAttemptAt"] = created.AddMinutes(6), ["SentAt"] = created.AddMinutes(6),
        });
    }

    if (orders.Count >= 50_000)
    {
        await FlushAsync();
        Console.WriteLine($"[datagen] {n + 1:N0} orders in {clock.Elapsed.TotalSeconds:N0} s");
    }
}

await FlushAsync();
await using (var analyze = new MySqlCommand("ANALYZE TABLE Orders, OrderAssignments, OrderEvents, Reviews, ChatMessages, Notifications", connection))
{
    await analyze.ExecuteNonQueryAsync();
}

Console.WriteLine($"[datagen] {orderCount:N0} orders loaded in {clock.Elapsed.TotalSeconds:N0} s; by status: "
    + string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value:N0}")));
return;

async Task FlushAsync()
{
    foreach (var table in new[] { orders, assignments, events, reviews, chat, notifications })
    {
        await table.LoadAsync(connection);
    }
}

Dictionary<string, object?> OrderRow(Order o) => new()
{
    ["Id"] = o.Id, ["Number"] = o.Number, ["Year"] = o.Year, ["Sequence"] = o.Sequence, ["CustomerId"] = o.CustomerId, ["CustomerName"] = o.CustomerName,
    ["ContactPhone"] = o.ContactPhone, ["AddressText"] = o.Address.Text, ["WorkTypeId"] = o.WorkTypeId, ["Description"] = o.Description,
    ["ScheduledStart"] = o.ScheduledStart, ["ScheduledEnd"] = o.ScheduledEnd, ["EstimatedMinutes"] = o.EstimatedMinutes, ["PriceEstimate"] = o.PriceEstimate,
    ["FinalPrice"] = o.FinalPrice, ["Priority"] = o.Priority.ToString(), ["Source"] = o.Source.ToString(), ["Status"] = o.Status.ToString(),
    ["SearchText"] = o.SearchText, ["CreatedDay"] = o.CreatedDay, ["StartedAt"] = o.StartedAt, ["FirstStartedAt"] = o.FirstStartedAt,
    ["CompletedAt"] = o.CompletedAt, ["CompletedDay"] = o.CompletedDay, ["ClosedDay"] = o.ClosedDay, ["ClosedAt"] = o.ClosedAt,
    ["CancelledDay"] = o.CancelledDay, ["StartedOnTime"] = o.StartedOnTime, ["LeadTimeMinutes"] = o.LeadTimeMinutes, ["OnSiteMinutes"] = o.OnSiteMinutes,
    ["ReworkCount"] = o.ReworkCount, ["HadCallback"] = o.HadCallback, ["MeasurementToInstallMinutes"] = o.MeasurementToInstallMinutes,
    ["Version"] = o.Version, ["CreatedAt"] = o.CreatedAt, ["PriceReleased"] = o.Status == OrderStatus.Closed,
};

Guid NewId() => Guid.CreateVersion7();

static int DayNumber(DateTimeOffset at)
{
    var local = at.ToOffset(TimeSpan.FromHours(3));
    return local.Year * 10000 + local.Month * 100 + local.Day;
}

static double[] Cdf(double[] weights)
{
    var sum = weights.Sum();
    var cdf = new double[weights.Length];
    var running = 0.0;
    for (var i = 0; i < weights.Length; i++)
    {
        running += weights[i] / sum;
        cdf[i] = running;
    }

    return cdf;
}

static int Pick(double[] cdf, Random random)
{
    var index = Array.BinarySearch(cdf, random.NextDouble());
    return Math.Min(index < 0 ? ~index : index, cdf.Length - 1);
}

static async Task<Dictionary<string, List<(string Name, bool Required, string Type)>>> ColumnsAsync(MySqlConnection connection)
{
    var result = new Dictionary<string, List<(string, bool, string)>>();
    await using var command = new MySqlCommand("""
        SELECT TABLE_NAME, COLUMN_NAME, IS_NULLABLE = 'NO' AND COLUMN_DEFAULT IS NULL AND EXTRA NOT LIKE '%auto_increment%', DATA_TYPE
        FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION
        """, connection);
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        var table = reader.GetString(0);
        if (!result.TryGetValue(table, out var list))
        {
            result[table] = list = [];
        }

        list.Add((reader.GetString(1), reader.GetInt32(2) == 1, reader.GetString(3)));
    }

    return result;
}

partial class Program
{
    private static readonly double[] SourceCdf = [0.6, 0.75, 0.9, 1.0];
}

/// <summary>Rows for one table, written as tab-separated text and loaded with LOAD DATA LOCAL INFILE from memory.</summary>
sealed class Table(string name, Dictionary<string, List<(string Name, bool Required, string Type)>> schema)
{
    private readonly List<Dictionary<string, object?>> _rows = [];

    public int Count => _rows.Count;

    public void Row(Dictionary<string, object?> row) => _rows.Add(row);

    public async Task LoadAsync(MySqlConnection connection)
    {
        if (_rows.Count == 0)
        {
            return;
        }

        // Every column given in the rows, plus each required column without a default (filled with its type's zero).
        var given = _rows[0].Keys.ToHashSet();
        var columns = schema[name].Where(c => given.Contains(c.Name) || c.Required).ToList();
        var text = new StringBuilder(_rows.Count * 300);
        foreach (var row in _rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (i > 0)
                {
                    text.Append('\t');
                }

                text.Append(row.TryGetValue(columns[i].Name, out var value) ? Format(value) : Zero(columns[i].Type));
            }

            text.Append('\n');
        }

        var loader = new MySqlBulkLoader(connection)
        {
            TableName = name, Local = true, FieldTerminator = "\t", LineTerminator = "\n", CharacterSet = "utf8mb4",
            SourceStream = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), ConflictOption = MySqlBulkLoaderConflictOption.None,
        };
        loader.Columns.AddRange(columns.Select(c => c.Name));
        await loader.LoadAsync();
        _rows.Clear();
    }

    private static string Format(object? value) => value switch
    {
        null => "\\N",
        bool b => b ? "1" : "0",
        DateTimeOffset d => d.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        Guid g => g.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal),
    };

    private static string Zero(string type) => type switch
    {
        "datetime" or "datetime(6)" => "1970-01-01 00:00:00",
        "varchar" or "char" or "longtext" or "text" => "",
        _ => "0",
    };
}

using Maxmontaj.Core.Common;
using Maxmontaj.Core.Orders;

namespace Maxmontaj.Data.Seeding;

/// <summary>About two hundred demo orders in every status, spread over the last month and the next two weeks.</summary>
internal static class DemoOrders
{
    private static readonly string[] Streets = ["ул. Ленина", "пр. Мира", "ул. Садовая", "ул. Гагарина", "ул. Пушкина", "Невский пр.", "ул. Советская", "ул. Лесная"];
    private static readonly string[] Descriptions =
    [
        "Два пластиковых окна в спальню", "Балконный блок", "Входная металлическая дверь", "Сплит-система 3,5 кВт в гостиную",
        "Чистка и заправка кондиционера", "Замер трёх окон", "Не закрывается створка", "Межкомнатные двери, 4 шт.",
    ];

    public static List<Order> Create(
        Random random, DateTimeOffset now, CompanyCalendar calendar, IReadOnlyList<(Guid Id, string Code)> workTypes,
        IReadOnlyList<(Guid Id, string Name, HashSet<int> Skills)> executors, IReadOnlyList<(Guid Id, string Name, HashSet<int> Skills)> specialists,
        IReadOnlyList<(Guid Id, string Name, string Phone)> customers, IReadOnlyDictionary<string, int> workTypeIds)
    {
        var orders = new List<Order>();
        var today = calendar.DateOf(now);
        var sequence = 0;
        for (var i = 0; i < 200; i++)
        {
            var dayOffset = random.Next(-30, 15);
            var status = StatusFor(dayOffset, random, i);
            if (status == OrderStatus.InProgress)
            {
                dayOffset = 0;
            }

            var day = today.AddDays(dayOffset);
            var start = calendar.At(day, new TimeOnly(9 + random.Next(0, 9), random.Next(0, 2) * 30));
            var workType = workTypes[random.Next(workTypes.Count)];
            var customer = customers[random.Next(customers.Count)];
            var created = start.AddDays(-random.Next(1, 10));
            if (created > now)
            {
                created = now.AddHours(-random.Next(1, 48));
            }

            var order = new Order
            {
                Id = Guid.CreateVersion7(created),
                Year = created.Year,
                Sequence = ++sequence,
                CustomerId = i % 4 == 0 ? null : customer.Id,
                CustomerName = customer.Name,
                ContactPhone = customer.Phone,
                Address = new Address { Text = $"{Streets[random.Next(Streets.Length)]}, {random.Next(1, 120)}, кв. {random.Next(1, 200)}" },
                WorkTypeId = workTypeIds[workType.Code],
                Description = Descriptions[random.Next(Descriptions.Length)],
                ScheduledStart = status == OrderStatus.New && i % 2 == 0 ? null : start,
                EstimatedMinutes = 60 * random.Next(1, 5),
                PriceEstimate = random.Next(3, 80) * 1000m,
                Priority = random.NextDouble() < 0.15 ? OrderPriority.Urgent : OrderPriority.Normal,
                Source = (OrderSource)random.Next(0, 4),
                Status = status,
                Version = Guid.NewGuid(),
                CreatedAt = created,
            };
            order.Number = $"{order.Year}-{order.Sequence:000000}";
            order.ScheduledEnd = order.ScheduledStart?.AddMinutes(order.EstimatedMinutes ?? 120);
            Lifecycle(order, calendar, random);
            if (status == OrderStatus.Closed)
            {
                order.FinalPrice = order.PriceEstimate + random.Next(-2, 5) * 500m;
            }

            order.RefreshSearchText();
            order.Events.Add(new OrderEvent { OrderId = order.Id, At = created, Kind = OrderEventKind.Created });
            Assign(order, workType.Code == "measurement" ? specialists : executors,
                workType.Code == "measurement" ? AssignmentRole.Specialist : AssignmentRole.Lead, random, created.AddMinutes(30));
            if (status != OrderStatus.New)
            {
                order.Events.Add(new OrderEvent { OrderId = order.Id, At = created.AddHours(1), Kind = OrderEventKind.StatusChanged, Details = $"New→{status}" });
            }

            orders.Add(order);
        }

        // Sequences per year must restart in January.
        foreach (var year in orders.GroupBy(o => o.Year))
        {
            var n = 0;
            foreach (var order in year.OrderBy(o => o.CreatedAt))
            {
                order.Sequence = ++n;
                order.Number = $"{order.Year}-{order.Sequence:000000}";
                order.RefreshSearchText();
            }
        }

        return orders;
    }

    /// <summary>The facts the order service would have written on the way to the order's status.</summary>
    private static void Lifecycle(Order order, CompanyCalendar calendar, Random random)
    {
        order.CreatedDay = calendar.DayNumberOf(order.CreatedAt);
        if (order.ScheduledStart is not { } start)
        {
            return;
        }

        if (order.Status is OrderStatus.InProgress or OrderStatus.Completed or OrderStatus.Closed or OrderStatus.Rework)
        {
            var late = random.NextDouble() < 0.15;
            order.StartedAt = start.AddMinutes(late ? random.Next(200, 300) : random.Next(-10, 20));
            order.FirstStartedAt = order.StartedAt;
            order.StartedOnTime = order.StartedAt <= start.AddMinutes(Core.Analytics.KpiDefinitions.OnTimeGraceMinutes);
        }

        if (order.Status is OrderStatus.Completed or OrderStatus.Closed or OrderStatus.Rework && order.StartedAt is { } started)
        {
            var onSite = (int)((order.EstimatedMinutes ?? 120) * (0.7 + random.NextDouble() * 0.8));
            order.CompletedAt = started.AddMinutes(onSite);
            order.CompletedDay = calendar.DayNumberOf(order.CompletedAt.Value);
            order.OnSiteMinutes = onSite;
            order.LeadTimeMinutes = (int)(order.CompletedAt.Value - order.CreatedAt).TotalMinutes;
        }

        if (order.Status == OrderStatus.Rework || (order.Status == OrderStatus.Closed && random.NextDouble() < 0.1))
        {
            order.ReworkCount = 1;
        }

        if (order.Status == OrderStatus.Rework)
        {
            // Returned for rework: its completion did not stand (docs/analytics.md).
            (order.CompletedAt, order.CompletedDay, order.LeadTimeMinutes) = (null, null, null);
        }

        if (order.Status == OrderStatus.Closed && order.CompletedAt is { } completed)
        {
            order.ClosedDay = calendar.DayNumberOf(completed.AddDays(1));
        }

        if (order.Status == OrderStatus.Cancelled)
        {
            order.CancelledDay = calendar.DayNumberOf(order.CreatedAt.AddDays(1));
        }
    }

    private static OrderStatus StatusFor(int dayOffset, Random random, int index)
    {
        // A few of each uncommon status wherever they fall, so the board shows every column.
        switch (index % 25)
        {
            case 0: return OrderStatus.OnHold;
            case 1: return OrderStatus.Rework;
            case 2: return OrderStatus.Cancelled;
            case 3: return OrderStatus.InProgress;
        }

        return dayOffset switch
        {
            < -1 => random.NextDouble() < 0.8 ? OrderStatus.Closed : OrderStatus.Completed,
            < 1 => (OrderStatus)random.Next(1, 4),
            _ => random.NextDouble() < 0.7 ? OrderStatus.Scheduled : OrderStatus.New,
        };
    }

    private static void Assign(Order order, IReadOnlyList<(Guid Id, string Name, HashSet<int> Skills)> people, AssignmentRole role, Random random, DateTimeOffset at)
    {
        if (order.Status == OrderStatus.New)
        {
            return;
        }

        var skilled = people.Where(p => p.Skills.Contains(order.WorkTypeId)).ToList();
        if (skilled.Count == 0)
        {
            return;
        }

        var person = skilled[random.Next(skilled.Count)];
        order.Assignments.Add(new OrderAssignment { OrderId = order.Id, UserId = person.Id, Role = role, AssignedAt = at, OrderCreatedAt = order.CreatedAt });
        order.Events.Add(new OrderEvent { OrderId = order.Id, At = at, Kind = OrderEventKind.Assigned, Details = $"{role}:{person.Id}" });
    }
}

using Maxmontaj.Core.Assignment;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Live;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;

namespace Maxmontaj.Tests.Support;

/// <summary>Helpers for order tests: people with skills, order forms, acting as someone, and recording live events.</summary>
public abstract class OrderTestBase : DatabaseTest
{
    protected static readonly Guid DispatcherId = Guid.NewGuid();

    protected const int WindowInstall = 1;
    protected const int Measurement = 5;

    protected OrderService Orders => Db.Get<OrderService>();
    protected OrderQueries Queries => Db.Get<OrderQueries>();
    protected AssignmentService Assignment => Db.Get<AssignmentService>();
    protected CompanyCalendar Calendar => Db.Get<CompanyCalendar>();

    /// <summary>Tomorrow in company time at the given hour.</summary>
    protected DateTimeOffset Tomorrow(int hour) =>
        Calendar.At(Calendar.DateOf(Db.Time.GetUtcNow()).AddDays(1), new TimeOnly(hour, 0));

    protected void AsDispatcher() => Db.CurrentUser.As(DispatcherId, Roles.Dispatcher);

    protected void As(Guid userId, string role) => Db.CurrentUser.As(userId, role);

    protected async Task<Guid> PersonAsync(string role, string name, bool active = true, params int[] skills)
    {
        var previous = (Db.CurrentUser.UserId, Roles.All.Where(Db.CurrentUser.IsInRole).ToArray());
        Db.CurrentUser.As(Guid.NewGuid(), Roles.Admin);
        var admin = Db.Get<UserAdministrationService>();
        var result = await admin.CreateAsync(new UserEditModel
        {
            FullName = name,
            Email = $"{Guid.NewGuid():N}@example.ru",
            Roles = [role],
            SkillIds = [.. skills],
            Password = "Secret-Pass-123",
        });
        Assert.True(result.Succeeded, string.Join(",", result.Errors.Select(e => e.Code)));
        if (!active)
        {
            await admin.SetActiveAsync(result.Value, false);
        }

        Db.CurrentUser.As(previous.UserId, previous.Item2);
        return result.Value;
    }

    protected OrderEditModel NewOrder(int workType = WindowInstall, DateTimeOffset? start = null, string customer = "Анна Клиентова",
        string address = "ул. Ленина, 1") => new()
    {
        CustomerName = customer,
        ContactPhone = "8 (910) 123-45-67",
        Address = address,
        WorkTypeId = workType,
        Description = "Два окна",
        ScheduledStart = start,
        ScheduledEnd = start?.AddHours(2),
        PriceEstimate = 25000m,
    };

    protected async Task<Guid> CreateOrderAsync(OrderEditModel model)
    {
        var result = await Orders.CreateAsync(model);
        Assert.True(result.Succeeded, string.Join(",", result.Errors.Select(e => e.Code)));
        return result.Value;
    }

    /// <summary>Collects live events on a topic.</summary>
    protected (List<LiveEvent> Events, IDisposable Subscription) Record(string topic)
    {
        var events = new List<LiveEvent>();
        var subscription = Db.Get<ILiveEvents>().Subscribe(topic, e =>
        {
            lock (events)
            {
                events.Add(e);
            }

            return Task.CompletedTask;
        });
        return (events, subscription);
    }

    protected static async Task<List<LiveEvent>> EventuallyAsync(List<LiveEvent> events, int count)
    {
        for (var i = 0; i < 100; i++)
        {
            lock (events)
            {
                if (events.Count >= count)
                {
                    return [.. events];
                }
            }

            await Task.Delay(20);
        }

        lock (events)
        {
            return [.. events];
        }
    }
}

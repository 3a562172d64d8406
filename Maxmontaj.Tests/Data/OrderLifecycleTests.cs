using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Tests.Data;

/// <summary>The facts analytics count are written by the status changes themselves.</summary>
public abstract class OrderLifecycleTests : OrderTestBase
{
    private async Task<Order> LoadAsync(Guid id)
    {
        await using var db = Db.NewContext();
        return await db.Orders.AsNoTracking().SingleAsync(o => o.Id == id);
    }

    private async Task MoveAsync(Guid id, params OrderStatus[] steps)
    {
        foreach (var step in steps)
        {
            var result = await Orders.ChangeStatusAsync(id, step);
            Assert.True(result.Succeeded, $"{step}: {string.Join(",", result.Errors.Select(e => e.Code))}");
        }
    }

    [Fact]
    public async Task Starting_late_completing_closing_and_rework_are_recorded()
    {
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));       // window 10:00–12:00 tomorrow
        var late = Tomorrow(13);                                               // an hour after the window closed
        await MoveAsync(id, OrderStatus.Scheduled);
        Db.Time.SetUtcNow(late);
        await MoveAsync(id, OrderStatus.InProgress);
        Db.Time.Advance(TimeSpan.FromMinutes(90));
        await MoveAsync(id, OrderStatus.Completed, OrderStatus.Rework, OrderStatus.Scheduled, OrderStatus.InProgress, OrderStatus.Completed, OrderStatus.Closed);

        var order = await LoadAsync(id);
        var created = new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(20261128, order.CreatedDay);
        Assert.Equal(20261129, order.CompletedDay);
        Assert.Equal(20261129, order.ClosedDay);
        Assert.False(order.StartedOnTime);
        Assert.Equal((int)(late.AddMinutes(90) - created).TotalMinutes, order.LeadTimeMinutes);
        Assert.Equal(90, order.OnSiteMinutes);                                 // summed over visits: 90 min, then 0 (restart and completion at once)
        Assert.Equal(1, order.ReworkCount);
    }

    [Fact]
    public async Task A_new_order_for_the_same_phone_address_and_work_within_30_days_marks_a_callback()
    {
        AsDispatcher();
        var first = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));
        await MoveAsync(first, OrderStatus.Scheduled, OrderStatus.InProgress, OrderStatus.Completed);
        Db.Time.Advance(TimeSpan.FromDays(20));
        await CreateOrderAsync(NewOrder(workType: Measurement, start: Tomorrow(10)));    // other work: no callback
        Assert.False((await LoadAsync(first)).HadCallback);

        await CreateOrderAsync(NewOrder(start: Tomorrow(12)));

        Assert.True((await LoadAsync(first)).HadCallback);
    }

    [Fact]
    public async Task An_installation_after_a_measurement_at_the_same_address_records_the_time_between()
    {
        AsDispatcher();
        var measurement = await CreateOrderAsync(NewOrder(workType: Measurement, start: Tomorrow(10)));
        await MoveAsync(measurement, OrderStatus.Scheduled, OrderStatus.InProgress, OrderStatus.Completed);
        Db.Time.Advance(TimeSpan.FromDays(3));
        var installation = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));
        await MoveAsync(installation, OrderStatus.Scheduled, OrderStatus.InProgress, OrderStatus.Completed);

        Assert.Equal(3 * 24 * 60, (await LoadAsync(installation)).MeasurementToInstallMinutes);
        Assert.Null((await LoadAsync(measurement)).MeasurementToInstallMinutes);
    }
}

[Trait("Category", "Sqlite")]
public sealed class OrderLifecycleTests_Sqlite : OrderLifecycleTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class OrderLifecycleTests_MariaDb : OrderLifecycleTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

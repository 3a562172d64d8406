using Maxmontaj.Core.Analytics;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Reviews;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Tests.Data;

/// <summary>
/// The copies ADR 0028 keeps for reads at scale: an assignment's copy of its order's creation time, and a review's copy of
/// its order's work type, which follows the order when the office changes the type.
/// </summary>
public abstract class ScaleCopiesTests : OrderTestBase
{
    [Fact]
    public async Task An_assignment_copies_its_orders_creation_time()
    {
        var fitter = await PersonAsync(Roles.Executor, "Фёдор Монтажников", skills: WindowInstall);
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder());
        Db.Time.Advance(TimeSpan.FromDays(3));

        Assert.True((await Assignment.AssignAsync(id, fitter, AssignmentRole.Lead)).Succeeded);

        await using var db = Db.NewContext();
        var order = await db.Orders.SingleAsync(o => o.Id == id);
        var assignment = await db.OrderAssignments.SingleAsync(a => a.OrderId == id);
        Assert.Equal(order.CreatedAt, assignment.OrderCreatedAt);
        Assert.NotEqual(assignment.AssignedAt, assignment.OrderCreatedAt);
    }

    [Fact]
    public async Task A_reviews_work_type_follows_the_orders_and_the_dashboard_rates_by_it()
    {
        var fitter = await PersonAsync(Roles.Executor, "Фёдор Монтажников", skills: WindowInstall);
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));
        await Assignment.AssignAsync(id, fitter, AssignmentRole.Lead);
        await Orders.ChangeStatusAsync(id, OrderStatus.Scheduled);
        await Orders.ChangeStatusAsync(id, OrderStatus.InProgress);
        Assert.True((await Orders.ChangeStatusAsync(id, OrderStatus.Completed)).Succeeded);
        Assert.True((await Db.Get<ReviewService>().SaveAsync(id, 4, "Хорошо", CancellationToken.None)).Succeeded);

        async Task<int> StoredTypeAsync()
        {
            await using var db = Db.NewContext();
            return (await db.Reviews.SingleAsync(r => r.OrderId == id)).WorkTypeId;
        }

        var today = Calendar.Today(Db.Time);
        var day = new AnalyticsFilter(today, today);
        Db.CurrentUser.As(Guid.NewGuid(), Roles.Admin);
        Assert.Equal(WindowInstall, await StoredTypeAsync());
        Assert.Equal(4.0, (await Db.Get<AnalyticsService>().DashboardAsync(day with { WorkTypeId = WindowInstall })).Value!.Current.AverageRating);

        AsDispatcher();
        var details = await Queries.GetAsync(id);
        details.Fields.WorkTypeId = Measurement;
        Assert.True((await Orders.UpdateAsync(id, details.Fields, details.Version)).Succeeded);

        Assert.Equal(Measurement, await StoredTypeAsync());
        Db.CurrentUser.As(Guid.NewGuid(), Roles.Admin);
        var analytics = Db.Get<AnalyticsService>();
        Assert.Equal(4.0, (await analytics.DashboardAsync(day with { WorkTypeId = Measurement })).Value!.Current.AverageRating);
        Assert.Null((await analytics.DashboardAsync(day with { WorkTypeId = WindowInstall })).Value!.Current.AverageRating);
    }
}

[Trait("Category", "Sqlite")]
public sealed class ScaleCopiesTests_Sqlite : ScaleCopiesTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class ScaleCopiesTests_MariaDb : ScaleCopiesTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

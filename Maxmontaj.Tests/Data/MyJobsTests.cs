using Maxmontaj.Core.Assignment;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;

namespace Maxmontaj.Tests.Data;

/// <summary>An executor's job list as their page shows it, from the database: groups, history, and no cancelled jobs.</summary>
public abstract class MyJobsTests : OrderTestBase
{
    [Fact]
    public async Task A_cancelled_future_job_leaves_the_list_and_a_finished_one_moves_to_the_history()
    {
        var fitter = await PersonAsync(Roles.Executor, "Фёдор", skills: WindowInstall);
        AsDispatcher();
        var tomorrow = await CreateOrderAsync(NewOrder(start: Tomorrow(10), customer: "Завтрашний Клиент"));
        var cancelled = await CreateOrderAsync(NewOrder(start: Tomorrow(14), customer: "Отменивший Клиент"));
        var unscheduled = await CreateOrderAsync(NewOrder(customer: "Клиент Без Даты"));
        var finished = await CreateOrderAsync(NewOrder(start: Tomorrow(8), customer: "Довольный Клиент"));
        foreach (var id in new[] { tomorrow, cancelled, unscheduled, finished })
        {
            Assert.True((await Assignment.AssignAsync(id, fitter, AssignmentRole.Lead)).Succeeded);
        }

        Assert.True((await Orders.ChangeStatusAsync(cancelled, OrderStatus.Cancelled)).Succeeded);
        // Assigning a dated order schedules it.
        foreach (var status in new[] { OrderStatus.InProgress, OrderStatus.Completed })
        {
            Assert.True((await Orders.ChangeStatusAsync(finished, status)).Succeeded, $"{status}");
        }

        As(fitter, Roles.Executor);

        var list = await Queries.MyJobListAsync();

        Assert.Equal([(JobGroup.Upcoming, tomorrow), (JobGroup.Unscheduled, unscheduled)],
            list.Groups.SelectMany(g => g.Jobs.Select(j => (g.Group, j.Id))));
        // Scheduled for tomorrow, but finished: only in the history.
        Assert.Equal([finished], list.History.Select(j => j.Id));
    }
}

[Trait("Category", "Sqlite")]
public sealed class MyJobsTests_Sqlite : MyJobsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class MyJobsTests_MariaDb : MyJobsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

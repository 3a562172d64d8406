using Bunit;
using Maxmontaj.Core.Assignment;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Components.Shared;

namespace Maxmontaj.Tests.Components;

/// <summary>The executor's job page shows the Core job actions: a next step, or what the executor waits for.</summary>
[Trait("Category", "Sqlite")]
public sealed class JobViewTests : OrderComponentTestBase
{
    private async Task<IRenderedComponent<JobView>> AcceptedJobAsync(DateTimeOffset? visit)
    {
        var fitter = await ExecutorAsync("Иван Монтажник");
        var id = await CreateOrderAsync("Клиент", visit);
        Assert.True((await Db.Get<AssignmentService>().AssignAsync(id, fitter, AssignmentRole.Lead)).Succeeded);
        Db.CurrentUser.As(fitter, Roles.Executor);
        Assert.True((await Db.Get<JobService>().AcceptAsync(id)).Succeeded);
        return Render<JobView>(p => p.Add(j => j.Id, id));
    }

    [Fact]
    public async Task An_accepted_job_with_a_visit_offers_the_next_step()
    {
        var page = await AcceptedJobAsync(TodayAt(18));

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("button"), b => b.TextContent.Contains("Начать работу")));
        Assert.Contains(page.FindAll("button"), b => b.TextContent.Contains("Я в пути"));
        Assert.Empty(page.FindAll("[data-testid='job-waiting']"));
    }

    [Fact]
    public async Task An_accepted_job_without_a_visit_says_the_executor_waits_for_the_visit_time()
    {
        var page = await AcceptedJobAsync(null);

        page.WaitForAssertion(() => Assert.Contains("Ждём, когда диспетчер назначит время визита", page.Find("[data-testid='job-waiting']").TextContent));
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Contains("Начать работу") || b.TextContent.Contains("Принять работу"));
    }
}

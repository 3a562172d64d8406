using Bunit;
using Maxmontaj.Core.Assignment;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Reports;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Tests.Components;

/// <summary>The executor's report editor on a real SQLite database.</summary>
[Trait("Category", "Sqlite")]
public sealed class ReportEditorTests : OrderComponentTestBase
{
    public override Task InitializeAsync()
    {
        Services.AddSingleton(_ => Db.Get<ReportService>());
        return base.InitializeAsync();
    }

    [Fact]
    public async Task Text_typed_just_before_the_page_closes_is_in_the_draft()
    {
        var orderId = await StartedJobAsync();
        var editor = Render<ReportEditor>(p => p.Add(e => e.OrderId, orderId).Add(e => e.Submittable, true).Add(e => e.Status, OrderStatus.InProgress));
        editor.WaitForAssertion(() => Assert.NotNull(editor.Find("[data-testid=report-editor] textarea")));

        editor.Find("[data-testid=report-editor] textarea").Input("Окно установлено, пена нанесена");
        await DisposeComponentsAsync();

        var draft = await Db.Get<ReportService>().GetAsync(orderId);
        Assert.Equal("Окно установлено, пена нанесена", draft.WorkDone);
    }

    private async Task<Guid> StartedJobAsync()
    {
        var fitter = await ExecutorAsync("Иван Монтажник");
        Db.CurrentUser.As(DispatcherId, Roles.Dispatcher);
        var orderId = await CreateOrderAsync("Ольга Клиентова", TodayAt(15));
        Assert.True((await Db.Get<AssignmentService>().AssignAsync(orderId, fitter, AssignmentRole.Lead, confirmOverlap: true)).Succeeded);
        await Db.Get<OrderService>().ChangeStatusAsync(orderId, OrderStatus.Scheduled);
        Db.CurrentUser.As(fitter, Roles.Executor);
        Assert.True((await Db.Get<JobService>().AcceptAsync(orderId)).Succeeded);
        Assert.True((await Db.Get<OrderService>().ChangeStatusAsync(orderId, OrderStatus.InProgress)).Succeeded);
        return orderId;
    }
}

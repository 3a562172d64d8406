using Bunit;
using Maxmontaj.Core.Analytics;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Components.Shared;

namespace Maxmontaj.Tests.Components;

[Trait("Category", "Sqlite")]
public sealed class AnalyticsViewTests : OrderComponentTestBase
{
    private async Task<Guid> CompletedOrderAsync(string customer)
    {
        var id = await CreateOrderAsync(customer, TodayAt(18));
        var orders = Db.Get<OrderService>();
        await orders.ChangeStatusAsync(id, OrderStatus.Scheduled);
        await orders.ChangeStatusAsync(id, OrderStatus.InProgress);
        await orders.ChangeStatusAsync(id, OrderStatus.Completed);
        return id;
    }

    [Fact]
    public async Task The_dashboard_shows_this_months_kpis_without_money_for_a_dispatcher()
    {
        await CompletedOrderAsync("Первый");
        await CreateOrderAsync("Второй");

        var view = Render<AnalyticsView>();

        view.WaitForAssertion(() => Assert.Equal("2", view.Find("[data-testid='kpi-created']").TextContent.Trim()));
        Assert.Equal("1", view.Find("[data-testid='kpi-completed']").TextContent.Trim());
        Assert.Equal("100%", view.Find("[data-testid='kpi-ontime']").TextContent.Trim());
        Assert.Empty(view.FindAll("[data-testid='kpi-revenue']"));
        Assert.Equal("01.11.2026 – 28.11.2026", view.Find("[data-testid='period-label']").TextContent.Trim());
        Assert.Contains("Отзывов пока нет.", view.Markup);
    }

    [Fact]
    public async Task Every_kpi_card_shows_its_definition_on_hover()
    {
        await CompletedOrderAsync("Первый");

        var view = Render<AnalyticsView>();

        view.WaitForAssertion(() => Assert.Equal("1", view.Find("[data-testid='kpi-completed']").TextContent.Trim()));
        var cards = view.FindAll("[data-kpi]");
        Assert.Equal(9, cards.Count);                                               // a dispatcher sees no revenue card
        Assert.All(cards, c => Assert.False(string.IsNullOrWhiteSpace(c.QuerySelector("[data-testid^='kpi-hint-']")?.GetAttribute("aria-description"))));
        Assert.Contains("начала окна визита плюс 15 минут", view.Find("[data-testid='kpi-hint-ontime']").GetAttribute("aria-description"));
        Assert.Contains("30 дней уже прошли", view.Find("[data-testid='kpi-hint-callback']").GetAttribute("aria-description"));

        Assert.DoesNotContain("Заказы без назначенного времени визита не учитываются", Popovers.Markup);
        await view.Find("[data-kpi='ontime']").Closest(".mud-tooltip-root")!.TriggerEventAsync("onpointerenter", new Microsoft.AspNetCore.Components.Web.PointerEventArgs());

        Popovers.WaitForAssertion(() => Assert.Contains("Заказы без назначенного времени визита не учитываются", Popovers.Markup));
    }

    [Fact]
    public void An_empty_period_shows_a_note_and_empty_charts_not_an_error()
    {
        var view = Render<AnalyticsView>();

        view.WaitForAssertion(() => Assert.Contains("За выбранный период данных нет.", view.Markup));
        Assert.Equal("0", view.Find("[data-testid='kpi-created']").TextContent.Trim());
        Assert.Equal("—", view.Find("[data-testid='kpi-lead']").TextContent.Trim());
    }

    [Fact]
    public async Task A_change_elsewhere_updates_the_cards_live()
    {
        var view = Render<AnalyticsView>();
        view.WaitForAssertion(() => Assert.Equal("0", view.Find("[data-testid='kpi-created']").TextContent.Trim()));

        await CreateOrderAsync("Живой");

        view.WaitForAssertion(() => Assert.Equal("1", view.Find("[data-testid='kpi-created']").TextContent.Trim()), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_staff_report_lists_each_person_and_links_to_exports()
    {
        var fitter = await CreateFitterAsync();
        var id = await CreateOrderAsync("Клиент", TodayAt(18));
        var orders = Db.Get<OrderService>();
        await Db.Get<Maxmontaj.Core.Assignment.AssignmentService>().AssignAsync(id, fitter, AssignmentRole.Lead);
        await orders.ChangeStatusAsync(id, OrderStatus.Scheduled);
        await orders.ChangeStatusAsync(id, OrderStatus.InProgress);
        await orders.ChangeStatusAsync(id, OrderStatus.Completed);
        var today = new DateOnly(2026, 11, 28);

        var report = Render<StaffReport>(p => p.Add(r => r.Filter, new AnalyticsFilter(today, today)));

        report.WaitForAssertion(() => Assert.Contains("Фёдор Монтажник", report.Markup));
        var cells = report.FindAll("tbody tr td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["Фёдор Монтажник", "Исполнитель", "1"], cells.Take(3));
        Assert.Equal("/exports/staff.xlsx?from=2026-11-28&to=2026-11-28", report.FindAll("a").First(a => a.TextContent.Contains("XLSX")).GetAttribute("href"));
        Assert.DoesNotContain("Выручка", report.Markup);
    }

    private async Task<Guid> CreateFitterAsync()
    {
        Db.CurrentUser.As(Guid.NewGuid(), Roles.Admin);
        var result = await Db.Get<UserAdministrationService>().CreateAsync(new UserEditModel
        {
            FullName = "Фёдор Монтажник", Email = "fitter@example.ru", Roles = [Roles.Executor], SkillIds = [1], Password = "Secret-Pass-123",
        });
        Db.CurrentUser.As(DispatcherId, Roles.Dispatcher);
        return result.Value;
    }

    private static AngleSharp.Dom.IElement Switch(IRenderedComponent<AnalyticsView> view, string chart) =>
        view.Find($"[data-testid='table-switch-{chart}'] input, input[data-testid='table-switch-{chart}']");

    [Fact]
    public async Task Each_charts_table_switch_shows_the_charts_numbers_as_a_table()
    {
        await CompletedOrderAsync("Первый");
        await CreateOrderAsync("Второй");
        await CreateOrderAsync("Третий");

        var view = Render<AnalyticsView>();
        view.WaitForAssertion(() => Assert.Equal("3", view.Find("[data-testid='kpi-created']").TextContent.Trim()));
        Assert.Empty(view.FindAll("[data-testid^='chart-table-']"));

        Switch(view, "by-work-type").Change(true);
        var rows = view.FindAll("[data-testid='chart-table-by-work-type'] tbody tr");
        var row = Assert.Single(rows);                                  // every order is of work type 1
        Assert.Equal("3", row.QuerySelector("td")!.TextContent.Trim());
        Assert.Equal("Заказы", view.Find("[data-testid='chart-table-by-work-type'] thead th:nth-child(2)").TextContent.Trim());

        Switch(view, "per-day").Change(true);
        var today = view.FindAll("[data-testid='chart-table-per-day'] tbody tr")
            .Single(r => r.QuerySelector("th")!.TextContent.Trim() == "28.11");
        Assert.Equal(["3", "1"], today.QuerySelectorAll("td").Select(c => c.TextContent.Trim()));

        Switch(view, "by-status").Change(true);
        var statuses = view.FindAll("[data-testid='chart-table-by-status'] tbody tr")
            .ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(), r => r.QuerySelector("td")!.TextContent.Trim());
        Assert.Equal("1", statuses["Выполнен"]);
    }
}

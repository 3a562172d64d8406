using Maxmontaj.Core.Common;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace Maxmontaj.Tests.E2E;

/// <summary>In Chromium: an admin opens the dashboard, changes the period, exports the staff report as XLSX, and the file arrives.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class AnalyticsJourney(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MaxmontajAppFactory _app = new();
    private IBrowserContext _context = default!;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_app).InitializeAsync();
        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.ServerAddress, AcceptDownloads = true });
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await ((IAsyncLifetime)_app).DisposeAsync();
    }

    [Fact]
    public async Task An_admin_changes_the_period_and_downloads_the_staff_report()
    {
        var calendar = CompanyCalendar.Moscow();
        var today = CompanyCalendar.DayNumber(calendar.DateOf(DateTimeOffset.UtcNow));
        var fitter = await _app.CreateUserAsync(Roles.Executor, "analytics-fitter@example.ru", name: "Аркадий Аналитиков", skills: 1);
        for (var i = 0; i < 2; i++)
        {
            var order = await _app.AddOrderAsync($"Клиент {i}");
            await _app.WithDbAsync(async db =>
            {
                var saved = await db.Orders.SingleAsync(o => o.Id == order.Id);
                (saved.Status, saved.CreatedDay, saved.CompletedDay, saved.OnSiteMinutes, saved.StartedOnTime) = (OrderStatus.Completed, today, today, 60, true);
                db.OrderAssignments.Add(new OrderAssignment { OrderId = order.Id, UserId = fitter.Id, Role = AssignmentRole.Lead });
            });
        }

        var page = await _context.NewPageAsync();
        try
        {
            await page.SignInAsync(TestDatabase.AdminEmail, TestDatabase.AdminPassword);
            await page.WaitForURLAsync("**/admin");
            await page.WaitForInteractiveAsync();
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Навигация" }).GetByRole(AriaRole.Link, new() { Name = "Аналитика" }).ClickAsync();
            await page.WaitForURLAsync("**/admin/analytics");
            await Assertions.Expect(page.GetByTestId("kpi-completed")).ToHaveTextAsync("2");
            await page.Locator("[data-kpi='ontime']").HoverAsync();                 // the card explains its definition
            await Assertions.Expect(page.GetByText("Заказы без назначенного времени визита не учитываются")).ToBeVisibleAsync();

            await page.GetByLabel("Период").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Сегодня" }).ClickAsync();
            var day = CompanyCalendar.FromDayNumber(today).ToString("dd.MM.yyyy");
            await Assertions.Expect(page.GetByTestId("period-label")).ToHaveTextAsync($"{day} – {day}");
            await Assertions.Expect(page.GetByTestId("staff-report")).ToContainTextAsync("Аркадий Аналитиков");

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "XLSX" }).ClickAsync());
            var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.xlsx");
            await download.SaveAsAsync(path);

            Assert.EndsWith(".xlsx", download.SuggestedFilename);
            var row = Assert.Single(MiniExcel.Query(path, useHeaderRow: true).Cast<IDictionary<string, object>>());
            Assert.Equal("Аркадий Аналитиков", row["Сотрудник"]);
            Assert.Equal(2d, Convert.ToDouble(row["Выполнено работ"]));
            File.Delete(path);
        }
        catch
        {
            await page.ScreenshotForAsync("analytics-journey");
            throw;
        }
    }
}

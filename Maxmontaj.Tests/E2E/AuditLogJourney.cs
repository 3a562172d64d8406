using Maxmontaj.Tests.Support;
using Microsoft.Playwright;

namespace Maxmontaj.Tests.E2E;

/// <summary>
/// In Chromium: a change made in the admin's circuit is recorded with the address the circuit was opened from, and the admin
/// finds it on the audit page by its kind.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class AuditLogJourney(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MaxmontajAppFactory _app = new();
    private IBrowserContext _context = default!;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_app).InitializeAsync();
        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.ServerAddress, Locale = "ru-RU" });
        _context.SetDefaultTimeout(30_000);
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await ((IAsyncLifetime)_app).DisposeAsync();
    }

    [Fact]
    public async Task A_work_type_hidden_in_the_circuit_shows_on_the_audit_page_with_the_address()
    {
        var page = await _context.NewPageAsync();
        try
        {
            await page.SignInAsync(TestDatabase.AdminEmail, TestDatabase.AdminPassword);
            await page.WaitForURLAsync("**/admin");
            await page.GotoAsync("/admin/work-types");
            await page.WaitForInteractiveAsync();
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Установка окон" });
            await row.Locator("input[type=checkbox]").ClickAsync();
            await Assertions.Expect(row.GetByText("Скрыт")).ToBeVisibleAsync();

            var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Навигация" });
            await navigation.GetByRole(AriaRole.Link, new() { Name = "Журнал аудита" }).ClickAsync();
            await page.WaitForURLAsync("**/admin/audit");
            var log = page.GetByTestId("audit-log");
            await Assertions.Expect(log.GetByRole(AriaRole.Cell, new() { Name = "Вход", Exact = true })).ToBeVisibleAsync();
            await page.GetByLabel("Событие").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Вид работ изменён" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Найти" }).ClickAsync();

            await Assertions.Expect(log.GetByRole(AriaRole.Cell, new() { Name = "Вход", Exact = true })).ToHaveCountAsync(0);
            var entry = log.GetByRole(AriaRole.Row).Filter(new() { HasText = "Вид работ изменён" });
            await Assertions.Expect(entry).ToHaveCountAsync(1);
            await Assertions.Expect(entry).ToContainTextAsync("Администратор");
            await Assertions.Expect(entry).ToContainTextAsync("127.0.0.1");
            await Assertions.Expect(entry).ToContainTextAsync("IsActive: true → false");
        }
        catch
        {
            await page.ScreenshotForAsync(nameof(AuditLogJourney));
            throw;
        }
    }
}

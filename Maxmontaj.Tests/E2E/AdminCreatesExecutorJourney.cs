using Maxmontaj.Tests.Support;
using Microsoft.Playwright;

namespace Maxmontaj.Tests.E2E;

/// <summary>In Chromium: the admin signs in, creates an executor, signs out, and the executor signs in with the phone.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class AdminCreatesExecutorJourney(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MaxmontajAppFactory _app = new();
    private string _baseUrl = "";
    private IBrowserContext _context = default!;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_app).InitializeAsync();
        _baseUrl = _app.ServerAddress;
        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _baseUrl, Locale = "ru-RU" });
        _context.SetDefaultTimeout(30_000);
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await ((IAsyncLifetime)_app).DisposeAsync();
    }

    [Fact]
    public async Task Admin_creates_an_executor_who_then_signs_in()
    {
        var page = await _context.NewPageAsync();
        try
        {
            await page.SignInAsync(TestDatabase.AdminEmail, TestDatabase.AdminPassword);
            await page.WaitForURLAsync("**/admin");
            await page.WaitForInteractiveAsync();

            var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Навигация" });
            await navigation.GetByRole(AriaRole.Link, new() { Name = "Пользователи" }).ClickAsync();
            await page.WaitForURLAsync("**/admin/users");
            await page.GetByRole(AriaRole.Button, new() { Name = "Новый пользователь" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("Имя").FillAsync("Семён Монтажников");
            await dialog.GetByLabel("Email").FillAsync("semyon@example.ru");
            await dialog.GetByLabel("Телефон").FillAsync("8 (912) 345-67-89");
            await dialog.GetByLabel("Пароль").FillAsync("Executor-2026");
            await dialog.GetByLabel("Роли").ClickAsync();
            var executorOption = page.GetByRole(AriaRole.Option, new() { Name = "Исполнитель" });
            await executorOption.ClickAsync();
            await Assertions.Expect(executorOption).ToHaveAttributeAsync("aria-selected", "true");
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(executorOption).ToBeHiddenAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Сохранить" }).ClickAsync();

            await Assertions.Expect(page.GetByText("Пользователь создан.")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Семён Монтажников" })).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Выйти", Exact = true }).ClickAsync();
            // The sign-out ends the page's own circuit too: the form's redirect or the circuit's (with a returnUrl) gets there first.
            await page.WaitForURLAsync("**/account/login**");

            await page.SignInAsync("+7 912 3456789", "Executor-2026");
            await page.WaitForURLAsync("**/executor/orders");
            await page.WaitForInteractiveAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Мои работы" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("Назначенных работ нет.")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Профиль" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Семён Монтажников").First).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Пользователи" })).ToHaveCountAsync(0);
        }
        catch
        {
            await page.ScreenshotForAsync(nameof(Admin_creates_an_executor_who_then_signs_in));
            throw;
        }
    }
}

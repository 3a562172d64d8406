using Maxmontaj.Tests.Support;
using Microsoft.Playwright;

namespace Maxmontaj.Tests.E2E;

/// <summary>In Chromium, on the Development demo data: each README account signs in and sees its own navigation.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class DemoAccountsJourney(BrowserFixture browser, DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    public const string DemoPassword = "Demo-Pass-2026";

    public static TheoryData<string, string, string[]> Accounts => new()
    {
        { "admin@demo.maxmontaj.ru", "/admin", ["Администрирование", "Заказы", "Аналитика", "Доска", "Сообщения", "Пользователи", "Виды работ", "Чек-листы", "Уведомления", "Журнал аудита", "Диспетчерская"] },
        { "dispatcher@demo.maxmontaj.ru", "/dispatcher", ["Диспетчерская", "Доска", "Заказы", "Аналитика", "Сообщения", "Заявки мастеров", "Пользователи"] },
        { "executor@demo.maxmontaj.ru", "/executor/orders", ["Профиль", "Мои работы"] },
        { "specialist@demo.maxmontaj.ru", "/specialist/orders", ["Профиль", "Мои выезды"] },
        { "customer@demo.maxmontaj.ru", "/customer", ["Мои заказы"] },
    };

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task Each_demo_account_signs_in_and_sees_its_own_navigation(string email, string home, string[] navigation)
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.ServerAddress });
        var page = await context.NewPageAsync();
        try
        {
            await page.SignInAsync(email, DemoPassword);

            await page.WaitForURLAsync($"**{home}");
            await page.WaitForInteractiveAsync();
            var links = page.GetByRole(AriaRole.Navigation, new() { Name = "Навигация" }).GetByRole(AriaRole.Link);
            await Assertions.Expect(links).ToHaveTextAsync(navigation);
        }
        catch
        {
            await page.ScreenshotForAsync("demo-" + email.Split('@')[0]);
            throw;
        }
    }
}

using Microsoft.Playwright;

namespace Maxmontaj.Tests.Support;

public static class PageExtensions
{
    /// <summary>Waits until the Blazor circuit is interactive; clicks made before that would be lost.</summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("#interactive-ready").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    /// <summary>Fills and submits the sign-in form; the caller waits for where the sign-in should lead.</summary>
    public static async Task SignInAsync(this IPage page, string login, string password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email или телефон").FillAsync(login);
        await page.GetByLabel("Пароль").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync();
    }

    /// <summary>Saves a screenshot next to the test results, for a failing journey.</summary>
    public static async Task ScreenshotForAsync(this IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}

using Microsoft.Playwright;

namespace Maxmontaj.Tests.Support;

public static class PageExtensions
{
    /// <summary>Waits until the Blazor circuit is interactive; clicks made before that would be lost.</summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("#interactive-ready").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    /// <summary>Saves a screenshot next to the test results, for a failing journey.</summary>
    public static async Task ScreenshotForAsync(this IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}

using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.Playwright;

namespace Maxmontaj.Tests.E2E;

/// <summary>
/// Three people in three browsers: one dispatcher drags an order on the board; the other dispatcher's board and the
/// assigned executor's job list show the change within one second, without reload.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class LiveBoardJourney(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToBeVisibleOptions WithinOneSecond = new() { Timeout = 1000 };
    private readonly MaxmontajAppFactory _app = new();
    private readonly List<IBrowserContext> _contexts = [];

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_app).InitializeAsync();
        _ = _app.ServerAddress; // Kestrel must start before anything touches the app's services.
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        await ((IAsyncLifetime)_app).DisposeAsync();
    }

    [Fact]
    public async Task A_drag_on_one_board_reaches_the_other_dispatcher_and_the_executor_within_a_second()
    {
        await _app.CreateUserAsync(Roles.Dispatcher, "first@example.ru", name: "Первый Диспетчер");
        await _app.CreateUserAsync(Roles.Dispatcher, "second@example.ru", name: "Второй Диспетчер");
        await _app.CreateUserAsync(Roles.Executor, "fitter@example.ru", name: "Фёдор Монтажник", skills: 1);
        var order = await _app.AddOrderAsync("Живой Клиент");

        var first = await OpenAsync("first@example.ru", "/dispatcher/board");
        var second = await OpenAsync("second@example.ru", "/dispatcher/board");
        var fitter = await OpenAsync("fitter@example.ru", "/executor/orders");
        try
        {
            var secondCard = second.Locator($"[data-column='New'] [data-order='{order.Number}']");
            await Assertions.Expect(secondCard).ToBeVisibleAsync();
            await Assertions.Expect(fitter.GetByText("Назначенных работ нет.")).ToBeVisibleAsync();

            // Assign by dragging the card onto the executor's column.
            await first.GetByRole(AriaRole.Tab, new() { Name = "По исполнителям" }).ClickAsync();
            await first.Locator($"[data-column='unassigned'] [data-order='{order.Number}']")
                .DragToAsync(first.Locator("[data-column='Фёдор Монтажник'] .board-zone"));

            await Assertions.Expect(secondCard.GetByText("Фёдор Монтажник")).ToBeVisibleAsync(WithinOneSecond);
            await Assertions.Expect(fitter.Locator($"[data-job='{order.Number}']")).ToBeVisibleAsync(WithinOneSecond);

            // Move it to another column.
            await first.GetByRole(AriaRole.Tab, new() { Name = "По статусам" }).ClickAsync();
            await first.Locator($"[data-column='New'] [data-order='{order.Number}']")
                .DragToAsync(first.Locator("[data-column='OnHold'] .board-zone"));

            await Assertions.Expect(second.Locator($"[data-column='OnHold'] [data-order='{order.Number}']")).ToBeVisibleAsync(WithinOneSecond);
            await Assertions.Expect(fitter.Locator($"[data-job='{order.Number}']")).ToBeHiddenAsync(new() { Timeout = 1000 });
        }
        catch
        {
            await first.ScreenshotForAsync("live-first");
            await second.ScreenshotForAsync("live-second");
            await fitter.ScreenshotForAsync("live-fitter");
            throw;
        }
    }

    private async Task<IPage> OpenAsync(string email, string path)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.ServerAddress, ViewportSize = new() { Width = 1600, Height = 1000 } });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, MaxmontajAppFactory.Password);
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();
        return page;
    }
}

using Maxmontaj.Core.Live;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.Playwright;

namespace Maxmontaj.Tests.E2E;

/// <summary>
/// In Chromium, a dispatcher opens the analytics page, the board and an order page by their addresses (prerender, then the
/// circuit): the prerender reads nothing, the circuit reads the data and the page shows it, and follows live events once
/// its circuit has rendered.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class PrerenderJourney(BrowserFixture browser) : IAsyncLifetime
{
    private readonly PrerenderAppFactory _app = new();
    private IBrowserContext _context = default!;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_app).InitializeAsync();
        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.ServerAddress });
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await ((IAsyncLifetime)_app).DisposeAsync();
    }

    [Fact]
    public async Task Each_page_reads_its_data_once_per_visit()
    {
        await _app.CreateUserAsync(Roles.Dispatcher, "once@example.ru", name: "Диспетчер Однажды");
        await _app.CreateUserAsync(Roles.Executor, "once-fitter@example.ru", name: "Фёдор Однократный", skills: 1);
        var order = await _app.AddOrderAsync("Клиент Один Раз");

        var page = await _context.NewPageAsync();
        try
        {
            await page.SignInAsync("once@example.ru", MaxmontajAppFactory.Password);
            await page.WaitForURLAsync("**/dispatcher");
            await page.WaitForInteractiveAsync();

            using var queries = _app.NewQueryLog();
            await VisitAsync(page, queries, "/dispatcher/analytics", LiveTopics.AllOrders, page.GetByTestId("kpi-created"));
            await VisitAsync(page, queries, "/dispatcher/board", LiveTopics.AllOrders, page.Locator($"[data-order='{order.Number}']"));
            await VisitAsync(page, queries, $"/orders/{order.Id}", LiveTopics.Order(order.Id), page.GetByText("Клиент Один Раз").First);
        }
        catch
        {
            await page.ScreenshotForAsync("prerender-journey");
            throw;
        }
    }

    [Fact]
    public async Task The_order_page_reads_the_order_once_after_its_own_command()
    {
        await _app.CreateUserAsync(Roles.Dispatcher, "own@example.ru", name: "Диспетчер Своя");
        var order = await _app.AddOrderAsync("Клиент Своей Команды");

        var page = await _context.NewPageAsync();
        try
        {
            await page.SignInAsync("own@example.ru", MaxmontajAppFactory.Password);
            await page.WaitForURLAsync("**/dispatcher");
            await page.GotoAsync($"/orders/{order.Id}");
            await page.WaitForInteractiveAsync();
            await Assertions.Expect(page.GetByText("Клиент Своей Команды").First).ToBeVisibleAsync();
            using var queries = _app.NewQueryLog();

            await page.GetByLabel("Заметка").FillAsync("Позвонить за час");
            await page.GetByRole(AriaRole.Button, new() { Name = "Добавить", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByText("Позвонить за час")).ToBeVisibleAsync();
            // A second read would follow within milliseconds (the command's own live event); absence needs a short wait.
            await page.WaitForTimeoutAsync(1000);

            Assert.Single(queries.Commands, IsTimelineRead);
        }
        catch
        {
            await page.ScreenshotForAsync("prerender-own-command");
            throw;
        }
    }

    /// <summary>The order page's read of the timeline (no other query of the page selects from the order events).</summary>
    private static bool IsTimelineRead(string command) =>
        IsRead(command) && command.Contains("OrderEvents", StringComparison.Ordinal);

    /// <summary>
    /// Opens <paramref name="url"/> as a new page load and waits until its screen follows <paramref name="topic"/>: before the
    /// fix that happened after the circuit's own load, now after its first render. The prerender reads nothing (it shows a
    /// skeleton); the circuit reads the page's data, once.
    /// </summary>
    private async Task VisitAsync(IPage page, QueryLog queries, string url, string topic, ILocator content)
    {
        queries.Clear();
        _app.LiveEvents.Clear();
        _app.CircuitOpened = queries.Mark;

        await page.GotoAsync(url);
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(content).ToBeVisibleAsync();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!_app.LiveEvents.Subscribed.Contains(topic))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{url} never followed {topic}");
            await Task.Delay(50);
        }

        Assert.True(queries.Before.Count == 0, $"{url}: the prerender read data:\n" + string.Join("\n", queries.Before));
        Assert.Contains(queries.After, IsRead);
    }

    private static bool IsRead(string command) => command.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);
}

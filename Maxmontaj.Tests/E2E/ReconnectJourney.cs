using System.Diagnostics;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Maxmontaj.Tests.E2E;

/// <summary>
/// The server stops under three open pages (a dispatcher's board, an executor's job list, a customer's order) and starts
/// again at the same address on the same data, as after a restart or a deploy. While it is down each page shows one message
/// with a countdown and a "retry now" button; each page works again within 5 s of the server answering.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ReconnectJourney(BrowserFixture browser) : IAsyncLifetime
{
    private const float WithinFiveSeconds = 5000;
    private TestDatabase _db = default!;
    private readonly int _port = MaxmontajAppFactory.FreeLoopbackPort();
    private readonly List<IBrowserContext> _contexts = [];

    private sealed class App(TestDatabase db, int port) : MaxmontajAppFactory(db)
    {
        protected override int? FixedPort => port;
    }

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        await _db.DisposeAsync();
    }

    [Fact]
    public async Task Open_pages_tell_the_truth_while_the_server_is_down_and_work_again_within_five_seconds_of_its_return()
    {
        var first = new App(_db, _port);
        IPage[] pages;
        try
        {
            await ((IAsyncLifetime)first).InitializeAsync();
            var address = first.ServerAddress;
            await first.CreateUserAsync(Roles.Dispatcher, "board@example.ru");
            await first.CreateUserAsync(Roles.Executor, "fitter@example.ru", skills: 1);
            var customer = await first.CreateUserAsync(Roles.Customer, "client@example.ru");
            var order = await first.AddOrderAsync("Клиент После Рестарта");
            await first.WithDbAsync(async db => (await db.Orders.SingleAsync(o => o.Id == order.Id)).CustomerId = customer.Id);

            pages =
            [
                await OpenAsync(address, "board@example.ru", "/dispatcher/board"),
                await OpenAsync(address, "fitter@example.ru", "/executor/orders"),
                await OpenAsync(address, "client@example.ru", $"/customer/orders/{order.Id}"),
            ];
        }
        finally
        {
            await first.DisposeAsync();
        }

        try
        {
            // Down: one message, counting down to the next try, and a way to try at once.
            foreach (var page in pages)
            {
                var dialog = page.Locator("#components-reconnect-modal");
                await Assertions.Expect(dialog).ToBeVisibleAsync();
                await Assertions.Expect(dialog.GetByRole(AriaRole.Status)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"через \d+ с"));
                await Assertions.Expect(dialog.Locator("p:visible")).ToHaveCountAsync(1);
                await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Повторить сейчас" })).ToBeVisibleAsync();
            }

            await using var second = new App(_db, _port);
            await ((IAsyncLifetime)second).InitializeAsync();
            _ = second.ServerAddress;
            var answering = Stopwatch.StartNew();

            // Each page is a fresh, interactive document again (the old circuit died with the old server).
            await Task.WhenAll(pages.Select(page => page.WaitForFunctionAsync(
                "() => window.beforeRestart === undefined && document.getElementById('interactive-ready') !== null",
                null, new PageWaitForFunctionOptions { Timeout = WithinFiveSeconds })));
            var back = answering.Elapsed;

            foreach (var page in pages)
            {
                // A live action through the new circuit: the menu button opens or closes the drawer.
                var drawer = page.Locator(".mud-drawer");
                var wasOpen = (await drawer.GetAttributeAsync("class"))!.Contains("mud-drawer--open");
                await page.GetByRole(AriaRole.Button, new() { Name = "Показать или скрыть меню" }).ClickAsync();
                await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(wasOpen ? "mud-drawer--closed" : "mud-drawer--open"));
            }

            Assert.True(back < TimeSpan.FromSeconds(5), $"pages were back {back.TotalSeconds:0.0} s after the server answered");
            await Assertions.Expect(pages[0].GetByText("Клиент После Рестарта")).ToBeVisibleAsync();
        }
        catch
        {
            for (var i = 0; i < pages.Length; i++)
            {
                await pages[i].ScreenshotForAsync("reconnect-" + i);
            }

            throw;
        }
    }

    private async Task<IPage> OpenAsync(string address, string email, string path)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address, ViewportSize = new() { Width = 1366, Height = 900 } });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, MaxmontajAppFactory.Password);
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();
        await page.EvaluateAsync("() => window.beforeRestart = true");
        return page;
    }
}

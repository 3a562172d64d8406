using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Maxmontaj.Tests.E2E;

/// <summary>
/// A dispatcher without a mouse: Tab and Enter only. On the board they assign an order to an executor and move
/// it to another column through the card's "move or assign" dialog (the keyboard alternative to dragging).
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class BoardKeyboardJourney(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MaxmontajAppFactory _app = new();

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_app).InitializeAsync();
        _ = _app.ServerAddress;
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task A_dispatcher_assigns_an_order_and_moves_it_across_the_board_with_the_keyboard_only()
    {
        await _app.CreateUserAsync(Roles.Dispatcher, "keys@example.ru", name: "Клавиатурный Диспетчер");
        var fitter = await _app.CreateUserAsync(Roles.Executor, "fitter@example.ru", name: "Фёдор Монтажник", skills: 1);
        var order = await _app.AddOrderAsync("Клиент Без Мыши");

        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.ServerAddress,
            ViewportSize = new() { Width = 1366, Height = 900 },
        });
        var page = await context.NewPageAsync();
        try
        {
            // Sign in by typing and Enter.
            await page.GotoAsync("/account/login");
            await page.GetByLabel("Email или телефон").FillAsync("keys@example.ru");
            await page.GetByLabel("Пароль").FillAsync(MaxmontajAppFactory.Password);
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync(url => !url.Contains("/account/login"));
            await page.GotoAsync("/dispatcher/board");
            await page.WaitForInteractiveAsync();
            var card = page.Locator($"[data-column='New'] [data-order='{order.Number}']");
            await Assertions.Expect(card).ToBeVisibleAsync();
            var actions = $"Заказ {order.Number}: переместить или назначить";

            // Assign: the card's dialog, then the assignment dialog's "Назначить" for the fitter.
            await TabToAsync(page, $"el => el.getAttribute('aria-label') === '{actions}'");
            await page.Keyboard.PressAsync("Enter");
            var dialog = page.Locator(".mud-dialog", new() { HasText = actions });
            await Assertions.Expect(dialog).ToBeVisibleAsync();
            await TabToAsync(page, "el => el.closest('.mud-dialog') && el.textContent.trim() === 'Назначить на заказ'");
            await page.Keyboard.PressAsync("Enter");
            var assign = page.Locator(".mud-dialog", new() { HasText = "Назначить на заказ" });
            await Assertions.Expect(assign.GetByText("Фёдор Монтажник")).ToBeVisibleAsync();
            await TabToAsync(page, "el => el.closest(\"[data-candidate='Фёдор Монтажник']\") && el.textContent.trim() === 'Назначить'");
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(assign).ToBeHiddenAsync();
            await Assertions.Expect(card.GetByText("Фёдор Монтажник")).ToBeVisibleAsync();

            // Move: the card's dialog offers the statuses the transition table allows from "New"; Tab walks them.
            await TabToAsync(page, $"el => el.getAttribute('aria-label') === '{actions}'");
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(dialog).ToBeVisibleAsync();
            await TabToAsync(page, "el => el.closest('.mud-dialog') && el.getAttribute('data-move') === 'OnHold'");
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(dialog).ToBeHiddenAsync();
            await Assertions.Expect(page.Locator($"[data-column='OnHold'] [data-order='{order.Number}']")).ToBeVisibleAsync();
            await Assertions.Expect(card).ToBeHiddenAsync();
        }
        catch
        {
            await page.ScreenshotForAsync("board-keyboard");
            throw;
        }

        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaxmontajDbContext>();
        Assert.Equal(OrderStatus.OnHold, (await db.Orders.SingleAsync(o => o.Id == order.Id)).Status);
        var lead = await db.OrderAssignments.SingleAsync(a => a.OrderId == order.Id && a.Role == AssignmentRole.Lead);
        Assert.Equal(fitter.Id, lead.UserId);
    }

    /// <summary>Presses Tab until the focused element satisfies <paramref name="predicate"/> (a JS function of the element).</summary>
    private static Task TabToAsync(IPage page, string predicate) => PressUntilAsync(page, "Tab", predicate);

    private static async Task PressUntilAsync(IPage page, string key, string predicate)
    {
        for (var i = 0; i < 150; i++)
        {
            if (await page.EvaluateAsync<bool>($"() => {{ const el = document.activeElement; return !!el && !!({predicate})(el); }}"))
            {
                return;
            }

            await page.Keyboard.PressAsync(key);
        }

        Assert.Fail($"{key} never reached the element ({predicate}); focus is on {await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 200) ?? ''")}");
    }
}

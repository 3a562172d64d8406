using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Maxmontaj.Tests.E2E;

/// <summary>
/// A database blip during a dispatcher's click: a Russian message, and the same page in the same circuit carries on
/// (issue 10, defect 5).
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ActionFailureJourney(BrowserFixture browser) : IAsyncLifetime
{
    private readonly FaultyAppFactory _app = new();
    private IBrowserContext? _context;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_app).InitializeAsync();
        _ = _app.ServerAddress;
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }

        await ((IAsyncLifetime)_app).DisposeAsync();
    }

    [Fact]
    public async Task A_failed_action_shows_a_message_and_the_same_circuit_keeps_working()
    {
        var dispatcher = await _app.CreateUserAsync(Roles.Dispatcher, "desk@example.ru", name: "Дина Диспетчер");
        var fitter = await _app.CreateUserAsync(Roles.Executor, "fitter@example.ru", name: "Фёдор Монтажник", skills: 1);
        var order = await _app.AddOrderAsync("Ольга Клиентова", start: DateTimeOffset.UtcNow.AddDays(1));
        await _app.WithDbAsync(db =>
        {
            db.OrderAssignments.Add(new OrderAssignment { OrderId = order.Id, UserId = fitter.Id, Role = AssignmentRole.Lead, AssignedAt = DateTimeOffset.UtcNow });
            return Task.CompletedTask;
        });

        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.ServerAddress });
        var page = await _context.NewPageAsync();
        await page.SignInAsync("desk@example.ru", MaxmontajAppFactory.Password);
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        await page.GotoAsync($"/orders/{order.Id}");
        await page.WaitForInteractiveAsync();
        try
        {
            // A marker in this page's window: a reload (or a new circuit after one) would lose it.
            await page.EvaluateAsync("window.sameCircuitMarker = 'still here'");
            var remove = page.GetByRole(AriaRole.Button, new() { Name = "Снять с заказа" });
            await Assertions.Expect(remove).ToBeVisibleAsync();

            _app.Faults.FailNextOperationOf(dispatcher.Id);
            await remove.ClickAsync();
            await Assertions.Expect(page.GetByText("База данных временно недоступна. Повторите через минуту.")).ToBeVisibleAsync();
            Assert.Equal(1, _app.Faults.Failures);

            // The same page goes on: the same action now succeeds, and so does another one.
            await remove.ClickAsync();
            await Assertions.Expect(page.GetByText("Сотрудник снят с заказа.")).ToBeVisibleAsync();
            await Assertions.Expect(remove).ToHaveCountAsync(0);
            await page.GetByLabel("Заметка").FillAsync("Клиент перезвонит");
            await page.GetByRole(AriaRole.Button, new() { Name = "Добавить", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByText("Клиент перезвонит")).ToBeVisibleAsync();

            Assert.Equal("still here", await page.EvaluateAsync<string>("window.sameCircuitMarker"));
            await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
            await Assertions.Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync();

            await using var scope = _app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Maxmontaj.Data.MaxmontajDbContext>();
            Assert.False(await db.OrderAssignments.AnyAsync(a => a.OrderId == order.Id));
        }
        catch
        {
            await page.ScreenshotForAsync("action-failure");
            throw;
        }
    }
}

using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Maxmontaj.Tests.E2E;

/// <summary>
/// An executor on a 360-pixel phone and a dispatcher on a desktop: accept, start, chat both ways within a second, photos,
/// report, rework with a comment, fix, accept, Closed.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ExecutorJobJourney(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToBeVisibleOptions WithinOneSecond = new() { Timeout = 1000 };
    private readonly MaxmontajAppFactory _app = new();
    private readonly List<IBrowserContext> _contexts = [];

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_app).InitializeAsync();
        _ = _app.ServerAddress;
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
    public async Task The_job_goes_from_acceptance_through_chat_report_and_rework_to_closed()
    {
        await _app.CreateUserAsync(Roles.Dispatcher, "desk@example.ru", name: "Дина Диспетчер");
        var fitter = await _app.CreateUserAsync(Roles.Executor, "phone@example.ru", name: "Фёдор Монтажник", skills: 1);
        var order = await _app.AddOrderAsync("Ольга Клиентова", start: DateTimeOffset.UtcNow.AddHours(1));
        await _app.WithDbAsync(db =>
        {
            db.OrderAssignments.Add(new OrderAssignment { OrderId = order.Id, UserId = fitter.Id, Role = AssignmentRole.Lead, AssignedAt = DateTimeOffset.UtcNow });
            return Task.CompletedTask;
        });

        var phone = await OpenAsync("phone@example.ru", "/executor/orders", new ViewportSize { Width = 360, Height = 740 });
        var desk = await OpenAsync("desk@example.ru", $"/orders/{order.Id}", new ViewportSize { Width = 1400, Height = 1000 });
        try
        {
            await phone.GetByRole(AriaRole.Link, new() { Name = "Открыть" }).ClickAsync();
            await phone.WaitForURLAsync($"**/executor/orders/{order.Id}");
            await phone.GetByRole(AriaRole.Button, new() { Name = "Принять работу" }).ClickAsync();
            await phone.GetByRole(AriaRole.Button, new() { Name = "Начать работу" }).ClickAsync();
            var editor = phone.GetByTestId("report-editor");
            await Assertions.Expect(editor).ToBeVisibleAsync();
            Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "the job page scrolls sideways on a phone");

            // Chat both ways, each side seeing the other's message within a second.
            await SendAsync(phone, "На месте, начинаю");
            await Assertions.Expect(desk.GetByTestId("chat").GetByText("На месте, начинаю")).ToBeVisibleAsync(WithinOneSecond);
            await SendAsync(desk, "Хорошо, <b>жду</b> фото");
            await Assertions.Expect(phone.GetByTestId("chat").GetByText("Хорошо, <b>жду</b> фото")).ToBeVisibleAsync(WithinOneSecond);

            // The report: text, checklist, a photo for the item that needs one.
            await editor.GetByLabel("Что сделано").FillAsync("Установлено окно в спальне");
            await editor.GetByLabel("Монтажная пена и герметик нанесены").CheckAsync();
            await editor.GetByLabel("Створки отрегулированы").CheckAsync();
            await editor.Locator("input[type=file]").First.SetInputFilesAsync(new FilePayload { Name = "foam.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg() });
            await Assertions.Expect(editor.GetByText("фото есть")).ToBeVisibleAsync();
            await editor.GetByRole(AriaRole.Button, new() { Name = "Отправить отчёт" }).ClickAsync();
            await Assertions.Expect(phone.GetByText("Отчёт отправлен диспетчеру.")).ToBeVisibleAsync();

            // The dispatcher sends it back with a comment; the executor sees it live.
            var review = desk.GetByTestId("report-review");
            await Assertions.Expect(review.GetByText("Установлено окно в спальне")).ToBeVisibleAsync();
            await review.GetByLabel("Комментарий для исполнителя").FillAsync("Нужно фото откосов");
            await review.GetByRole(AriaRole.Button, new() { Name = "Вернуть на доработку" }).ClickAsync();
            await Assertions.Expect(phone.GetByTestId("return-comment")).ToContainTextAsync("Нужно фото откосов");

            // The executor fixes it and submits again; the dispatcher accepts and the order is closed.
            await phone.GetByRole(AriaRole.Button, new() { Name = "Начать работу" }).ClickAsync();
            await editor.Locator("input[type=file]").Last.SetInputFilesAsync(new FilePayload { Name = "slopes.png", MimeType = "image/png", Buffer = TestImages.Png() });
            await Assertions.Expect(editor.Locator(".photo-tile")).ToHaveCountAsync(2);
            await editor.GetByRole(AriaRole.Button, new() { Name = "Отправить отчёт" }).ClickAsync();
            await Assertions.Expect(review.GetByRole(AriaRole.Button, new() { Name = "Принять и закрыть заказ" })).ToBeVisibleAsync();
            await review.GetByRole(AriaRole.Button, new() { Name = "Принять и закрыть заказ" }).ClickAsync();
            await Assertions.Expect(desk.GetByText("Закрыт").First).ToBeVisibleAsync();
            await Assertions.Expect(phone.GetByText("Закрыт").First).ToBeVisibleAsync();

            await using var scope = _app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Maxmontaj.Data.MaxmontajDbContext>();
            Assert.Equal(OrderStatus.Closed, (await db.Orders.SingleAsync(o => o.Id == order.Id)).Status);
        }
        catch
        {
            await phone.ScreenshotForAsync("job-phone");
            await desk.ScreenshotForAsync("job-desk");
            throw;
        }
    }

    [Fact]
    public async Task The_dispatcher_assigns_returns_and_closes_with_the_order_pages_own_buttons_while_the_executor_fixes_the_report()
    {
        await _app.CreateUserAsync(Roles.Dispatcher, "desk@example.ru", name: "Дина Диспетчер");
        await _app.CreateUserAsync(Roles.Executor, "phone@example.ru", name: "Фёдор Монтажник", skills: 1);
        var order = await _app.AddOrderAsync("Ольга Клиентова");
        var visit = DateTimeOffset.UtcNow.AddDays(1);
        await _app.WithDbAsync(async db =>
        {
            var stored = await db.Orders.SingleAsync(o => o.Id == order.Id);
            (stored.ScheduledStart, stored.ScheduledEnd) = (visit, visit.AddHours(2));
        });

        var desk = await OpenAsync("desk@example.ru", $"/orders/{order.Id}", new ViewportSize { Width = 1400, Height = 1000 });
        var phone = await OpenAsync("phone@example.ru", $"/executor/orders/{order.Id}", new ViewportSize { Width = 360, Height = 740 });
        try
        {
            // Assigning the lead to a new order with a visit time schedules it: the executor's next step follows acceptance.
            await desk.GetByRole(AriaRole.Button, new() { Name = "Назначить" }).ClickAsync();
            await desk.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Назначить" }).ClickAsync();
            await Assertions.Expect(desk.GetByText("Запланирован").First).ToBeVisibleAsync();
            await phone.ReloadAsync();
            await phone.WaitForInteractiveAsync();
            await phone.GetByRole(AriaRole.Button, new() { Name = "Принять работу" }).ClickAsync();
            await phone.GetByRole(AriaRole.Button, new() { Name = "Начать работу" }).ClickAsync();

            var editor = phone.GetByTestId("report-editor");
            await editor.GetByLabel("Что сделано").FillAsync("Установлено окно");
            await editor.GetByLabel("Монтажная пена и герметик нанесены").CheckAsync();
            await editor.GetByLabel("Створки отрегулированы").CheckAsync();
            await editor.Locator("input[type=file]").First.SetInputFilesAsync(new FilePayload { Name = "foam.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg() });
            await Assertions.Expect(editor.GetByText("фото есть")).ToBeVisibleAsync();
            await editor.GetByRole(AriaRole.Button, new() { Name = "Отправить отчёт" }).ClickAsync();
            await Assertions.Expect(phone.GetByText("Отчёт отправлен диспетчеру.")).ToBeVisibleAsync();

            // The order page offers rework once, with the comment, and it reaches the executor.
            await Assertions.Expect(desk.GetByTestId("report-review").GetByText("Установлено окно")).ToBeVisibleAsync();
            var rework = desk.GetByRole(AriaRole.Button, new() { Name = "Вернуть на доработку" });
            await Assertions.Expect(rework).ToHaveCountAsync(1);
            await desk.GetByLabel("Комментарий для исполнителя").FillAsync("Укажите, что сделано с откосами");
            await rework.ClickAsync();
            await Assertions.Expect(phone.GetByTestId("return-comment")).ToContainTextAsync("Укажите, что сделано с откосами");

            // The executor edits the returned report and submits it again.
            await phone.GetByRole(AriaRole.Button, new() { Name = "Начать работу" }).ClickAsync();
            var workDone = editor.GetByLabel("Что сделано");
            await Assertions.Expect(workDone).ToBeEditableAsync();
            await workDone.FillAsync("Установлено окно, откосы отделаны");
            await workDone.BlurAsync();
            await editor.GetByRole(AriaRole.Button, new() { Name = "Отправить отчёт" }).ClickAsync();
            await Assertions.Expect(phone.GetByText("Отчёт отправлен диспетчеру.").Last).ToBeVisibleAsync();

            // The dispatcher closes through the page's one "accept and close" button.
            await Assertions.Expect(desk.GetByTestId("report-review").GetByText("Установлено окно, откосы отделаны")).ToBeVisibleAsync();
            var close = desk.GetByRole(AriaRole.Button, new() { Name = "Принять и закрыть" });
            await Assertions.Expect(close).ToHaveCountAsync(1);
            await close.ClickAsync();
            await Assertions.Expect(desk.GetByText("Закрыт").First).ToBeVisibleAsync();
            await Assertions.Expect(phone.GetByTestId("job-waiting")).ToContainTextAsync("Заказ закрыт");

            await using var scope = _app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Maxmontaj.Data.MaxmontajDbContext>();
            Assert.Equal(OrderStatus.Closed, (await db.Orders.SingleAsync(o => o.Id == order.Id)).Status);
            Assert.Equal(Maxmontaj.Core.Reports.ReportStatus.Accepted, (await db.Reports.SingleAsync(r => r.OrderId == order.Id)).Status);
        }
        catch
        {
            await phone.ScreenshotForAsync("rework-phone");
            await desk.ScreenshotForAsync("rework-desk");
            throw;
        }
    }

    private static async Task SendAsync(IPage page, string text)
    {
        var chat = page.GetByTestId("chat");
        await chat.GetByLabel("Сообщение").FillAsync(text);
        await chat.GetByRole(AriaRole.Button, new() { Name = "Отправить" }).ClickAsync();
    }

    private async Task<IPage> OpenAsync(string email, string path, ViewportSize viewport)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.ServerAddress, ViewportSize = viewport });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, MaxmontajAppFactory.Password);
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();
        return page;
    }
}

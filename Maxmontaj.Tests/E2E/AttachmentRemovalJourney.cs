using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Maxmontaj.Tests.E2E;

/// <summary>
/// Removing an attached file before sending, in a job's chat, in the report's checklist and in a customer's request:
/// the page keeps working and sends exactly the files still attached (issue 10, defect 11).
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class AttachmentRemovalJourney(BrowserFixture browser) : IAsyncLifetime
{
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
    public async Task Removing_the_attached_photo_in_chat_keeps_the_page_and_a_later_message_carries_the_new_one()
    {
        await _app.CreateUserAsync(Roles.Dispatcher, "desk@example.ru", name: "Дина Диспетчер");
        var order = await _app.AddOrderAsync("Ольга Клиентова", start: DateTimeOffset.UtcNow.AddDays(1));
        var page = await OpenAsync("desk@example.ru", $"/orders/{order.Id}");
        try
        {
            var chat = page.GetByTestId("chat");
            // After a pick MudFileUpload adds a fresh input for the next one (so the same file can be picked again): use the newest.
            var input = chat.Locator("input[type=file]").Last;
            await input.SetInputFilesAsync(Photo("wrong.jpg"));
            var attached = chat.Locator(".mud-chip");
            await Assertions.Expect(attached).ToHaveTextAsync("wrong.jpg");

            await attached.GetByRole(AriaRole.Button).ClickAsync();
            await Assertions.Expect(attached).ToHaveCountAsync(0);
            await input.SetInputFilesAsync(Photo("right.jpg"));
            await Assertions.Expect(attached).ToHaveTextAsync("right.jpg");
            await chat.GetByLabel("Сообщение").FillAsync("Вот фото проёма");
            await chat.GetByRole(AriaRole.Button, new() { Name = "Отправить" }).ClickAsync();

            await Assertions.Expect(chat.GetByText("Вот фото проёма")).ToBeVisibleAsync();
            await Assertions.Expect(chat.Locator("img.chat-photo")).ToHaveCountAsync(1);
            await Assertions.Expect(attached).ToHaveCountAsync(0);
            await AssertAliveAsync(page);
        }
        catch
        {
            await page.ScreenshotForAsync("attachment-chat");
            throw;
        }
    }

    [Fact]
    public async Task Removing_a_checklist_photo_in_the_report_keeps_the_page_and_the_report_can_still_be_saved()
    {
        var fitter = await _app.CreateUserAsync(Roles.Executor, "phone@example.ru", name: "Фёдор Монтажник", skills: 1);
        var order = await _app.AddOrderAsync("Ольга Клиентова", start: DateTimeOffset.UtcNow.AddHours(1));
        await _app.WithDbAsync(db =>
        {
            db.OrderAssignments.Add(new OrderAssignment { OrderId = order.Id, UserId = fitter.Id, Role = AssignmentRole.Lead, AssignedAt = DateTimeOffset.UtcNow, AcceptedAt = DateTimeOffset.UtcNow });
            return Task.CompletedTask;
        });
        await _app.AsAsync(fitter.Id, Roles.Executor, sp => sp.GetRequiredService<OrderService>().ChangeStatusAsync(order.Id, OrderStatus.InProgress));
        var page = await OpenAsync("phone@example.ru", $"/executor/orders/{order.Id}");
        try
        {
            var editor = page.GetByTestId("report-editor");
            var item = editor.GetByTestId("checklist-item").Filter(new() { HasText = "Монтажная пена и герметик нанесены" });
            await item.Locator("input[type=file]").Last.SetInputFilesAsync(Photo("foam.jpg"));
            var chip = item.GetByTestId("checklist-photo");
            await Assertions.Expect(chip).ToContainTextAsync("фото есть");

            await chip.GetByRole(AriaRole.Button).ClickAsync();
            await Assertions.Expect(chip).ToContainTextAsync("нужно фото");
            await Assertions.Expect(editor.Locator(".photo-tile")).ToHaveCountAsync(0);
            await item.Locator("input[type=file]").Last.SetInputFilesAsync(Photo("foam-2.jpg"));
            await Assertions.Expect(chip).ToContainTextAsync("фото есть");
            await editor.GetByLabel("Что сделано").FillAsync("Окно установлено");
            await Assertions.Expect(editor.GetByTestId("draft-state")).ToHaveTextAsync("Черновик сохранён");
            await AssertAliveAsync(page);

            await using var scope = _app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Maxmontaj.Data.MaxmontajDbContext>();
            var photos = await db.ReportPhotos.Where(p => db.Reports.Any(r => r.Id == p.ReportId && r.OrderId == order.Id))
                .Select(p => p.OriginalName).ToListAsync();
            Assert.Equal(["foam-2.jpg"], photos);
        }
        catch
        {
            await page.ScreenshotForAsync("attachment-report");
            throw;
        }
    }

    [Fact]
    public async Task Removing_one_of_two_photos_from_a_request_sends_only_the_other()
    {
        var customer = await _app.CreateUserAsync(Roles.Customer, "client@example.ru", phone: "+79105554433", name: "Анна Клиентова");
        var page = await OpenAsync("client@example.ru", "/customer/request");
        try
        {
            // The form is drawn once the circuit has read the work types; files set on the skeleton's input would be lost.
            await Assertions.Expect(page.GetByLabel("Адрес")).ToBeVisibleAsync();
            await page.Locator("input[type=file]").SetInputFilesAsync([Photo("kitchen.jpg"), Photo("balcony.jpg")]);
            var attached = page.Locator(".mud-chip");
            await Assertions.Expect(attached).ToHaveCountAsync(2);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Добавить фото (2)" })).ToBeVisibleAsync();

            await attached.Filter(new() { HasText = "kitchen.jpg" }).GetByRole(AriaRole.Button).ClickAsync();
            await Assertions.Expect(attached).ToHaveCountAsync(1);
            await Assertions.Expect(attached).ToHaveTextAsync("balcony.jpg");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Добавить фото (1)" })).ToBeVisibleAsync();

            await page.GetByLabel("Адрес").FillAsync("ул. Цветочная, 7, кв. 12");
            await page.GetByLabel("Вид работ").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Установка окон" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Отправить заявку" }).ClickAsync();
            await page.WaitForURLAsync("**/customer/orders/*");

            await using var scope = _app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Maxmontaj.Data.MaxmontajDbContext>();
            var order = await db.Orders.SingleAsync(o => o.CustomerId == customer.Id);
            Assert.Equal(1, await db.ChatMessages.CountAsync(m => m.OrderId == order.Id && m.PhotoStoredName != null));
        }
        catch
        {
            await page.ScreenshotForAsync("attachment-request");
            throw;
        }
    }

    private static FilePayload Photo(string name) => new() { Name = name, MimeType = "image/jpeg", Buffer = TestImages.Jpeg() };

    private static async Task AssertAliveAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("error-boundary")).ToHaveCountAsync(0);
    }

    private async Task<IPage> OpenAsync(string email, string path)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.ServerAddress });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        await page.SignInAsync(email, MaxmontajAppFactory.Password);
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();
        return page;
    }
}

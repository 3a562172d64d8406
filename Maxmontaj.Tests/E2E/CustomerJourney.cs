using Maxmontaj.Core.Common;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.Playwright;

namespace Maxmontaj.Tests.E2E;

/// <summary>
/// A customer signs up on a phone and requests an order; a dispatcher sees it arrive on the board live, schedules, assigns,
/// starts and completes it while the customer's status page follows each step live; a 2-star review alerts the dispatcher.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class CustomerJourney(BrowserFixture browser) : IAsyncLifetime
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
    public async Task From_sign_up_and_request_to_a_low_rating_alert()
    {
        await _app.CreateUserAsync(Roles.Dispatcher, "desk@example.ru", name: "Дина Диспетчер");
        await _app.CreateUserAsync(Roles.Executor, "fitter@example.ru", name: "Фёдор Монтажников", skills: 1);
        var desk = await ContextAsync(new ViewportSize { Width = 1500, Height = 1000 });
        await desk.SignInAsync("desk@example.ru", MaxmontajAppFactory.Password);
        await desk.WaitForURLAsync(url => !url.Contains("/account/login"));
        await desk.GotoAsync("/dispatcher/board");
        await desk.WaitForInteractiveAsync();

        var phone = await ContextAsync(new ViewportSize { Width = 390, Height = 800 });
        try
        {
            // Sign-up and a request from the phone.
            await phone.GotoAsync("/account/login");
            await phone.GetByRole(AriaRole.Link, new() { Name = "Нет учётной записи? Зарегистрироваться" }).ClickAsync();
            await phone.GetByLabel("Имя").FillAsync("Анна Клиентова");
            await phone.GetByLabel("Телефон").FillAsync("8 (910) 555-44-33");
            await phone.GetByLabel("Пароль").FillAsync("Client-Pass-2026");
            await phone.GetByRole(AriaRole.Button, new() { Name = "Зарегистрироваться" }).ClickAsync();
            await phone.WaitForURLAsync("**/customer");
            await phone.WaitForInteractiveAsync();
            await phone.GetByRole(AriaRole.Link, new() { Name = "Новая заявка" }).ClickAsync();
            await phone.WaitForInteractiveAsync();
            await phone.GetByLabel("Адрес").FillAsync("ул. Цветочная, 7, кв. 12");
            await phone.GetByLabel("Описание работ").FillAsync("Два окна на кухне");
            await phone.GetByLabel("Вид работ").ClickAsync();
            var option = phone.GetByRole(AriaRole.Option, new() { Name = "Установка окон" });
            await option.ClickAsync();
            await Assertions.Expect(option).ToBeHiddenAsync();
            await Assertions.Expect(phone.GetByLabel("Адрес")).ToHaveValueAsync("ул. Цветочная, 7, кв. 12");
            await phone.GetByRole(AriaRole.Button, new() { Name = "Отправить заявку" }).ClickAsync();
            await phone.WaitForURLAsync("**/customer/orders/*");
            var status = phone.GetByTestId("plain-status");
            await Assertions.Expect(status).ToHaveTextAsync("Заявка принята");

            // The dispatcher's board shows it live; the dispatcher schedules and assigns it.
            var card = desk.Locator("[data-column='New'] .order-card", new() { HasText = "Анна Клиентова" });
            await Assertions.Expect(card).ToBeVisibleAsync(WithinOneSecond);
            await card.GetByRole(AriaRole.Link).ClickAsync();
            await desk.WaitForURLAsync("**/orders/*");
            await desk.GetByRole(AriaRole.Button, new() { Name = "Изменить" }).ClickAsync();
            var dialog = desk.GetByRole(AriaRole.Dialog);
            var tomorrow = CompanyCalendar.Moscow().DateOf(DateTimeOffset.UtcNow).AddDays(1).ToString("dd.MM.yyyy");
            await dialog.GetByLabel("Дата выезда").FillAsync(tomorrow);
            await dialog.GetByLabel("Дата выезда").PressAsync("Tab");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Сохранить" }).ClickAsync();
            await Assertions.Expect(dialog).ToBeHiddenAsync();
            await desk.GetByRole(AriaRole.Button, new() { Name = "Запланировать" }).ClickAsync();
            await Assertions.Expect(status).ToHaveTextAsync("Визит запланирован", new() { Timeout = 1000 });

            await desk.GetByRole(AriaRole.Button, new() { Name = "Назначить" }).First.ClickAsync();
            await desk.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Назначить" }).ClickAsync();
            await Assertions.Expect(phone.GetByTestId("who")).ToContainTextAsync("Фёдор", new() { Timeout = 1000 });
            await Assertions.Expect(phone.GetByTestId("who")).Not.ToContainTextAsync("Монтажников");

            await desk.GetByRole(AriaRole.Button, new() { Name = "Начать работу" }).ClickAsync();
            await Assertions.Expect(status).ToHaveTextAsync("Идут работы", new() { Timeout = 1000 });
            await desk.GetByRole(AriaRole.Button, new() { Name = "Работа выполнена" }).ClickAsync();
            await Assertions.Expect(status).ToHaveTextAsync("Работы выполнены", new() { Timeout = 1000 });

            // A 2-star review reaches the dispatcher at once.
            var review = phone.GetByTestId("review");
            await review.Locator(".mud-rating-item").Nth(1).ClickAsync();
            await review.GetByLabel("Комментарий").FillAsync("Пришли на три часа позже");
            await review.GetByRole(AriaRole.Button, new() { Name = "Отправить отзыв" }).ClickAsync();
            await Assertions.Expect(review.GetByText("Спасибо за отзыв!")).ToBeVisibleAsync();
            await Assertions.Expect(desk.GetByText("Низкая оценка по заказу")).ToBeVisibleAsync(WithinOneSecond);
            await Assertions.Expect(desk.GetByTestId("follow-up")).ToBeVisibleAsync();
        }
        catch
        {
            await phone.ScreenshotForAsync("customer-phone");
            await desk.ScreenshotForAsync("customer-desk");
            throw;
        }
    }

    private async Task<IPage> ContextAsync(ViewportSize viewport)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.ServerAddress, ViewportSize = viewport });
        _contexts.Add(context);
        return await context.NewPageAsync();
    }
}

using System.Text.RegularExpressions;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.Playwright;

namespace Maxmontaj.Tests.E2E;

/// <summary>
/// In Chromium: an admin is taken to enrolment, adds the key to an "app" (the test computes the code), then signs in with
/// the code; a dispatcher enrols from the profile; someone who forgot their password uses the link from the messenger.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed partial class SecurityJourney(BrowserFixture browser) : IAsyncLifetime
{
    private readonly SecurityAppFactory _app = new();
    private readonly List<IBrowserContext> _contexts = [];

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();

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
    public async Task An_admin_enrols_on_first_sign_in_then_signs_in_with_the_code()
    {
        await _app.CreateUserAsync(Roles.Admin, "boss@example.ru", name: "Борис Админов");
        var page = await PageAsync();
        try
        {
            await page.SignInAsync("boss@example.ru", MaxmontajAppFactory.Password);
            await page.WaitForURLAsync("**/account/two-factor");
            await Assertions.Expect(page.GetByText("Администратору нужен вход с кодом.")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR-код для приложения-аутентификатора" })).ToBeVisibleAsync();
            var key = await page.GetByTestId("shared-key").InnerTextAsync();

            // The admin pages stay closed until the code is confirmed.
            await page.GotoAsync("/admin/users");
            await page.WaitForURLAsync("**/account/two-factor");

            await page.GetByLabel("Код из приложения").FillAsync(Totp.Code(key));
            await page.GetByRole(AriaRole.Button, new() { Name = "Подключить" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
            await page.GetByRole(AriaRole.Link, new() { Name = "Продолжить" }).ClickAsync();
            await page.WaitForURLAsync("**/admin");
            await page.WaitForInteractiveAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Выйти" }).ClickAsync();
            await page.WaitForURLAsync(new Regex("/account/login(\\?.*)?$"));
            await page.SignInAsync("boss@example.ru", MaxmontajAppFactory.Password);
            await page.WaitForURLAsync("**/account/login-2fa**");
            await page.GetByLabel("Код из приложения").FillAsync("000000" == Totp.Code(key) ? "111111" : "000000");
            await page.GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Неверный код.");
            await page.GetByLabel("Код из приложения").FillAsync(Totp.Code(key));
            await page.GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync();
            await page.WaitForURLAsync("**/admin");
            await page.WaitForInteractiveAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Администрирование" })).ToBeVisibleAsync();
        }
        catch
        {
            await page.ScreenshotForAsync(nameof(An_admin_enrols_on_first_sign_in_then_signs_in_with_the_code));
            throw;
        }
    }

    [Fact]
    public async Task A_dispatcher_is_offered_the_second_factor_in_the_profile_and_enrols_there()
    {
        await _app.CreateUserAsync(Roles.Dispatcher, "desk@example.ru");
        var page = await PageAsync();
        try
        {
            await page.SignInAsync("desk@example.ru", MaxmontajAppFactory.Password);
            await page.WaitForURLAsync("**/dispatcher");
            await page.GotoAsync("/account/profile");
            await page.WaitForInteractiveAsync();
            await Assertions.Expect(page.GetByText("Защитите учётную запись: включите вход с кодом из приложения.")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Двухфакторная аутентификация" }).ClickAsync();
            await page.WaitForURLAsync("**/account/two-factor");
            var key = await page.GetByTestId("shared-key").InnerTextAsync();
            await page.GetByLabel("Код из приложения").FillAsync(Totp.Code(key));
            await page.GetByRole(AriaRole.Button, new() { Name = "Подключить" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);

            await page.GotoAsync("/account/profile");
            await page.WaitForInteractiveAsync();
            await Assertions.Expect(page.GetByText("Вход с кодом из приложения включён.")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("Защитите учётную запись")).ToHaveCountAsync(0);
        }
        catch
        {
            await page.ScreenshotForAsync(nameof(A_dispatcher_is_offered_the_second_factor_in_the_profile_and_enrols_there));
            throw;
        }
    }

    [Fact]
    public async Task Someone_who_forgot_the_password_sets_a_new_one_from_the_link_in_the_messenger()
    {
        var user = await _app.CreateUserAsync(Roles.Executor, "fitter@example.ru", phone: "+79105557722");
        await _app.UpdateUserAsync(user.Id, u => u.TelegramChatId = 7722);
        var page = await PageAsync();
        try
        {
            await page.GotoAsync("/account/login");
            await page.GetByRole(AriaRole.Link, new() { Name = "Забыли пароль?" }).ClickAsync();
            // The sign-in form has a field with the same label: wait for the new page before typing.
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Восстановление пароля" })).ToBeVisibleAsync();
            await page.GetByLabel("Email или телефон").FillAsync("+7 910 555-77-22");
            await page.GetByRole(AriaRole.Button, new() { Name = "Прислать ссылку" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Если такой пользователь есть, мы отправили ссылку");

            await _app.DispatchAsync();
            var link = Link().Match(_app.Bot.Sent.Single(s => s.ChatId == 7722).Text).Value;
            Assert.StartsWith(_app.ServerAddress + "/account/reset-password?user=", link);

            await page.GotoAsync(link);
            await page.GetByLabel("Новый пароль").FillAsync("Very-Strong-Pass-2026!");
            await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить пароль" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Пароль изменён. Войдите с новым паролем.");

            await page.SignInAsync("fitter@example.ru", "Very-Strong-Pass-2026!");
            await page.WaitForURLAsync("**/executor/orders");
        }
        catch
        {
            await page.ScreenshotForAsync(nameof(Someone_who_forgot_the_password_sets_a_new_one_from_the_link_in_the_messenger));
            throw;
        }
    }

    private async Task<IPage> PageAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.ServerAddress,
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        context.SetDefaultTimeout(10_000);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }
}

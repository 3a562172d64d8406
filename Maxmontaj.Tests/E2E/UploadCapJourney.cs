using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Maxmontaj.Tests.E2E;

/// <summary>A customer's request takes at most 10 photos: the eleventh is refused as it is added, in Russian (issue 16).</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class UploadCapJourney(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MaxmontajAppFactory _app = new();
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
    public async Task Photos_past_ten_are_refused_as_added_and_the_request_carries_ten()
    {
        var customer = await _app.CreateUserAsync(Roles.Customer, "many@example.ru", phone: "+79105554499", name: "Анна Клиентова");
        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.ServerAddress });
        var page = await _context.NewPageAsync();
        await page.SignInAsync("many@example.ru", MaxmontajAppFactory.Password);
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        await page.GotoAsync("/customer/request");
        await page.WaitForInteractiveAsync();
        try
        {
            // The form is drawn once the circuit has read the work types; files set on the skeleton's input would be lost.
            await Assertions.Expect(page.GetByLabel("Адрес")).ToBeVisibleAsync();
            await page.Locator("input[type=file]").SetInputFilesAsync(Photos("a", 6));
            await Assertions.Expect(page.Locator(".mud-chip")).ToHaveCountAsync(6);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Добавить фото (6)" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("Можно приложить не больше 10 фотографий.")).ToHaveCountAsync(0);

            await page.Locator("input[type=file]").Last.SetInputFilesAsync(Photos("b", 6));

            await Assertions.Expect(page.GetByText("Можно приложить не больше 10 фотографий.")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Добавить фото (10)" })).ToBeVisibleAsync();

            await page.GetByLabel("Адрес").FillAsync("ул. Цветочная, 7, кв. 12");
            await page.GetByLabel("Вид работ").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Установка окон" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Отправить заявку" }).ClickAsync();
            await page.WaitForURLAsync("**/customer/orders/*");
            await using var scope = _app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Maxmontaj.Data.MaxmontajDbContext>();
            var order = await db.Orders.SingleAsync(o => o.CustomerId == customer.Id);
            Assert.Equal(10, await db.ChatMessages.CountAsync(m => m.OrderId == order.Id && m.PhotoStoredName != null));
        }
        catch
        {
            await page.ScreenshotForAsync("upload-cap");
            throw;
        }
    }

    private static FilePayload[] Photos(string prefix, int count) =>
        Enumerable.Range(1, count).Select(i => new FilePayload { Name = $"{prefix}{i}.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg() }).ToArray();
}

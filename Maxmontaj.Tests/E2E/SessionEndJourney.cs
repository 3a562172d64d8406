using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maxmontaj.Tests.E2E;

/// <summary>
/// A cookie copied into a second browser (a stolen or forgotten session) has a page open; signing out in the first browser
/// sends that open page to the sign-in form, and the copied cookie opens nothing afterwards.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class SessionEndJourney(BrowserFixture browser) : IAsyncLifetime
{
    private readonly App _app = new();
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
    public async Task Signing_out_drops_the_page_open_with_the_same_cookie_in_another_browser()
    {
        await _app.CreateUserAsync(Roles.Customer, "twice@example.ru", name: "Вера Дважды");
        var (first, mine) = await OpenAsync();
        await mine.SignInAsync("twice@example.ru", MaxmontajAppFactory.Password);
        await mine.WaitForURLAsync(url => !url.Contains("/account/login"));
        var (_, copy) = await OpenAsync(await first.StorageStateAsync());
        await copy.GotoAsync("/account/profile");
        await copy.WaitForInteractiveAsync();
        await Expect(copy.GetByText("Профиль и уведомления")).ToBeVisibleAsync();

        await mine.GetByRole(AriaRole.Button, new() { Name = "Выйти", Exact = true }).ClickAsync();
        await mine.WaitForURLAsync("**/account/login**");

        await copy.WaitForURLAsync("**/account/login**", new() { Timeout = 10_000 });
        await copy.GotoAsync("/account/profile");
        await Expect(copy).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }

    [Fact]
    public async Task Sign_out_everywhere_from_the_profile_ends_the_other_browser_too()
    {
        await _app.CreateUserAsync(Roles.Executor, "roaming@example.ru", name: "Роман Везде");
        var (first, mine) = await OpenAsync();
        await mine.SignInAsync("roaming@example.ru", MaxmontajAppFactory.Password);
        await mine.WaitForURLAsync(url => !url.Contains("/account/login"));
        var (_, other) = await OpenAsync(await first.StorageStateAsync());
        await other.GotoAsync("/executor");
        await other.WaitForInteractiveAsync();
        await mine.GotoAsync("/account/profile");
        await mine.WaitForInteractiveAsync();

        await mine.GetByRole(AriaRole.Button, new() { Name = "Выйти на всех устройствах" }).ClickAsync();

        await mine.WaitForURLAsync("**/account/login**");
        await other.WaitForURLAsync("**/account/login**", new() { Timeout = 10_000 });
    }

    [Fact]
    public async Task The_language_is_switched_from_the_user_menu_by_a_form_post()
    {
        await _app.CreateUserAsync(Roles.Customer, "polyglot@example.ru", name: "Лина Языкова");
        var (_, page) = await OpenAsync();
        await page.SignInAsync("polyglot@example.ru", MaxmontajAppFactory.Password);
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        await page.GotoAsync("/account/profile");
        await page.WaitForInteractiveAsync();
        var posts = new List<string>();
        page.Request += (_, request) => posts.Add($"{request.Method} {new Uri(request.Url).AbsolutePath}");

        await page.GetByLabel("Меню пользователя").First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        await Expect(page.GetByText("Profile and notifications")).ToBeVisibleAsync();
        Assert.Contains("POST /culture/set", posts);
        Assert.EndsWith("/account/profile", page.Url);
    }

    private async Task<(IBrowserContext Context, IPage Page)> OpenAsync(string? storageState = null)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.ServerAddress, StorageState = storageState });
        _contexts.Add(context);
        return (context, await context.NewPageAsync());
    }

    /// <summary>Open pages re-check their user every 2 seconds here (the setting a deployment may lower or raise).</summary>
    private sealed class App : MaxmontajAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Overrides { get; } = new Dictionary<string, string?>
        {
            ["Sessions:CircuitRevalidationInterval"] = "00:00:02",
        };
    }
}

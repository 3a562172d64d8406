using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Maxmontaj.Tests.E2E;

/// <summary>
/// In Chromium, on the demo data: each role's main pages run interactive under the app's CSP, and Chromium reports no
/// violation on the console; an inline script injected into a page is refused (so the listener would see one).
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ContentSecurityPolicyJourney(BrowserFixture browser, DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private const string Violation = "Content Security Policy";

    public static TheoryData<string, string[]> MainPages => new()
    {
        { "admin@demo.maxmontaj.ru", ["/admin", "/admin/orders", "/admin/users", "/admin/work-types", "/admin/checklists", "/admin/notifications", "/admin/analytics"] },
        { "dispatcher@demo.maxmontaj.ru", ["/dispatcher", "/dispatcher/board", "/dispatcher/orders", "/dispatcher/inbox", "/dispatcher/applications", "/dispatcher/analytics", "/dispatcher/users", "/account/profile", "order"] },
        { "executor@demo.maxmontaj.ru", ["/executor/orders", "/account/profile", "job"] },
        { "specialist@demo.maxmontaj.ru", ["/specialist/orders", "/account/profile"] },
        { "customer@demo.maxmontaj.ru", ["/customer", "/customer/request", "customer order"] },
    };

    [Theory]
    [MemberData(nameof(MainPages))]
    public async Task Each_roles_main_pages_work_under_the_csp_with_no_violation(string email, string[] pages)
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.ServerAddress });
        var page = await context.NewPageAsync();
        var violations = Listen(page);
        try
        {
            await page.SignInAsync(email, DemoAccountsJourney.DemoPassword);
            await page.WaitForURLAsync(url => !url.Contains("/account/login"));
            foreach (var path in pages)
            {
                var response = await page.GotoAsync(await AddressAsync(path, email));
                Assert.Contains("script-src 'self' 'nonce-", await response!.HeaderValueAsync("content-security-policy"));
                await page.WaitForInteractiveAsync();
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            }

            if (email.StartsWith("dispatcher"))
            {
                // A MudBlazor dialog with its inputs and popovers, opened through the circuit.
                await page.GotoAsync("/dispatcher/orders");
                await page.WaitForInteractiveAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "Новый заказ" }).ClickAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
            }

            Assert.Empty(violations);
        }
        catch
        {
            await page.ScreenshotForAsync("csp-" + email.Split('@')[0]);
            throw;
        }
    }

    [Fact]
    public async Task Pages_without_sign_in_work_under_the_csp_and_an_injected_inline_script_is_refused()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.ServerAddress });
        var page = await context.NewPageAsync();
        var violations = Listen(page);

        foreach (var path in new[] { "/account/login", "/account/register", "/s/no-such-token-0123456789" })
        {
            var response = await page.GotoAsync(path);
            Assert.Contains("frame-ancestors 'none'", await response!.HeaderValueAsync("content-security-policy"));
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        Assert.Empty(violations);
        var ran = true;
        var refusal = await page.RunAndWaitForConsoleMessageAsync(async () => ran = await page.EvaluateAsync<bool>(
                "() => { const s = document.createElement('script'); s.textContent = 'window.cspProbe = true'; document.head.appendChild(s); return window.cspProbe === true; }"),
            new() { Predicate = m => m.Text.Contains(Violation) });
        Assert.False(ran);
        Assert.Contains("inline script", refusal.Text);
    }

    private static List<string> Listen(IPage page)
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains(Violation))
            {
                lock (violations)
                {
                    violations.Add($"{page.Url}: {message.Text}");
                }
            }
        };
        return violations;
    }

    /// <summary>A route, or an order page of the role's own (the demo data has them).</summary>
    private async Task<string> AddressAsync(string path, string email)
    {
        if (path.StartsWith('/'))
        {
            return path;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaxmontajDbContext>();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        return path switch
        {
            "order" => $"/orders/{await db.Orders.OrderBy(o => o.Number).Select(o => o.Id).FirstAsync()}",
            "job" => $"/executor/orders/{await db.OrderAssignments.Where(a => a.UserId == user.Id).Select(a => a.OrderId).FirstAsync()}",
            _ => $"/customer/orders/{await db.Orders.Where(o => o.CustomerId == user.Id).Select(o => o.Id).FirstAsync()}",
        };
    }
}

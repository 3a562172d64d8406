using System.Diagnostics;
using System.Reflection;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Maxmontaj.Core.Customers;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Data.Seeding;
using Maxmontaj.Tests.Support;
using Maxmontaj.Tests.Web;
using Maxmontaj.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Maxmontaj.Tests.E2E;

/// <summary>
/// axe-core over every routable page (the same list as the authorization matrix) for every role the page admits, on the
/// Development demo data, at 360 px and 1366 px, in the light and the dark theme: no critical and no serious violation,
/// one <c>main</c> landmark, exactly one <c>h1</c> and a "Page — Maxmontaj" title. The dark theme (the app bar's switch) is
/// scanned at both widths; static account pages have no dark theme (plain forms without the switch), so they are scanned in light.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class AccessibilityScanJourney(BrowserFixture browser, DemoAppFactory app, ITestOutputHelper output) : IClassFixture<DemoAppFactory>
{
    private const string Anonymous = "Anonymous";
    private static readonly int[] Widths = [1366, 360];


    public static TheoryData<string> Visitors() => [Anonymous, .. Roles.All];

    [Theory]
    [MemberData(nameof(Visitors))]
    public async Task Every_page_the_visitor_may_open_has_no_serious_axe_violation_at_both_widths_in_both_themes(string visitor)
    {
        var clock = Stopwatch.StartNew();
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.ServerAddress,
            ViewportSize = new() { Width = Widths[0], Height = 900 },
        });
        var page = await context.NewPageAsync();
        if (visitor != Anonymous)
        {
            var email = DemoDataSeeder.Accounts.Select(a => a.Email).Append("admin@demo.maxmontaj.ru")
                .First(e => e.StartsWith(visitor.ToLowerInvariant(), StringComparison.Ordinal));
            await page.SignInAsync(email, DemoDataSeeder.Password);
            await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        }

        var ids = await IdsForAsync(visitor);
        var failures = new List<string>();
        var scans = 0;
        foreach (var (type, route) in RoutesFor(visitor))
        {
            var path = Fill(route, ids);
            var interactive = type.GetCustomAttribute<ExcludeFromInteractiveRoutingAttribute>() is null;
            foreach (var width in Widths)
            {
                await page.SetViewportSizeAsync(width, 900);
                await page.GotoAsync(path);
                if (interactive)
                {
                    await page.WaitForInteractiveAsync();
                }

                failures.AddRange(await CheckStructureAsync(page, $"{visitor} {path} @{width}"));
                failures.AddRange(await ScanAsync(page, $"{visitor} {path} @{width} light"));
                scans++;

                var toggle = page.Locator("header button[aria-label='Светлая или тёмная тема']");
                if (interactive && await toggle.CountAsync() == 1)
                {
                    await toggle.FocusAsync();
                    await page.Keyboard.PressAsync("Enter");
                    await page.WaitForFunctionAsync("() => getComputedStyle(document.body).backgroundColor !== 'rgb(255, 255, 255)'");
                    failures.AddRange(await ScanAsync(page, $"{visitor} {path} @{width} dark"));
                    scans++;
                }
            }
        }

        output.WriteLine($"{visitor}: {scans} scans in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static async Task<IEnumerable<string>> ScanAsync(IPage page, string where)
    {
        // Colours that are still changing (a theme switch, a label settling) would be measured half-way.
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => !(a instanceof CSSTransition) || a.playState !== 'running')");
        var result = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        return result.Violations
            .Where(v => v.Impact is "critical" or "serious")
            .SelectMany(v => v.Nodes.Take(5).Select(n => $"{where}: {v.Impact} {v.Id} at {n.Target} {n.Html[..Math.Min(n.Html.Length, 160)]} — {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}"));
    }

    private static async Task<IEnumerable<string>> CheckStructureAsync(IPage page, string where)
    {
        var problems = new List<string>();
        var mains = await page.Locator("main, [role=main]").CountAsync();
        var headings = await page.Locator("h1").CountAsync();
        var title = await page.TitleAsync();
        if (mains != 1)
        {
            problems.Add($"{where}: {mains} main landmarks");
        }

        if (headings != 1)
        {
            problems.Add($"{where}: {headings} h1 headings");
        }

        if (!title.EndsWith(" — Maxmontaj", StringComparison.Ordinal) || title.Length <= " — Maxmontaj".Length)
        {
            problems.Add($"{where}: title \"{title}\" is not \"Page — Maxmontaj\"");
        }

        return problems;
    }

    /// <summary>The authorization matrix's page list: anonymous pages for the anonymous visitor, policy pages for the roles it admits.</summary>
    private static IEnumerable<(Type Page, string Route)> RoutesFor(string visitor) =>
        from page in PageAuthorizationMatrixTests.Pages()
        let anonymous = page.GetCustomAttribute<AllowAnonymousAttribute>() is not null
        let policy = page.GetCustomAttribute<AuthorizeAttribute>()?.Policy
        where visitor == Anonymous ? anonymous : !anonymous && AccessPolicies.Table[policy!].Contains(visitor)
        from route in page.GetCustomAttributes<RouteAttribute>()
        orderby route.Template
        select (page, route.Template);

    private static string Fill(string template, IReadOnlyDictionary<string, string> ids)
    {
        if (!template.Contains('{'))
        {
            return template;
        }

        Assert.True(ids.TryGetValue(template, out var path), $"No demo id for {template}: add one to {nameof(IdsForAsync)}");
        return path!;
    }

    /// <summary>Pages that need an id get one from the demo data: an order the visitor may see, a person, a status link.</summary>
    private async Task<IReadOnlyDictionary<string, string>> IdsForAsync(string visitor)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaxmontajDbContext>();
        async Task<Guid> UserAsync(string role) =>
            (await db.Users.SingleAsync(u => u.NormalizedEmail == $"{role.ToUpperInvariant()}@DEMO.MAXMONTAJ.RU")).Id;
        async Task<Guid> AssignedOrderAsync(string role)
        {
            var id = await UserAsync(role);
            return await db.OrderAssignments.Where(a => a.UserId == id).OrderByDescending(a => a.AssignedAt).Select(a => a.OrderId).FirstAsync();
        }

        var ids = new Dictionary<string, string>();
        if (visitor == Anonymous)
        {
            var dispatcher = await UserAsync(Roles.Dispatcher);
            var order = await db.Orders.Where(o => o.CustomerId != null && o.Status != OrderStatus.Cancelled).OrderBy(o => o.Number).Select(o => o.Id).FirstAsync();
            var token = await app.AsAsync(dispatcher, Roles.Dispatcher, sp => sp.GetRequiredService<StatusLinkService>().CreateAsync(order));
            ids["/s/{Token}"] = $"/s/{token}";
        }
        else if (visitor == Roles.Customer)
        {
            var customer = await UserAsync(Roles.Customer);
            var order = await db.Orders.Where(o => o.CustomerId == customer).OrderByDescending(o => o.Number).Select(o => o.Id).FirstAsync();
            ids["/customer/orders/{Id:guid}"] = $"/customer/orders/{order}";
        }
        else if (visitor is Roles.Executor or Roles.Specialist)
        {
            var order = await AssignedOrderAsync(visitor);
            ids[$"/{visitor.ToLowerInvariant()}/orders/{{Id:guid}}"] = $"/{visitor.ToLowerInvariant()}/orders/{order}";
            ids["/orders/{Id:guid}"] = $"/orders/{order}";
        }
        else
        {
            ids["/orders/{Id:guid}"] = $"/orders/{await AssignedOrderAsync(Roles.Executor)}";
            ids["/dispatcher/people/{Id:guid}"] = $"/dispatcher/people/{await UserAsync(Roles.Executor)}";
        }

        return ids;
    }
}

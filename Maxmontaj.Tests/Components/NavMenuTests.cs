using System.Reflection;
using Bunit;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Components.Layout;
using Maxmontaj.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace Maxmontaj.Tests.Components;

public sealed class NavMenuTests : BunitTestBase
{
    public static TheoryData<string, string[]> Expected => new()
    {
        { Roles.Admin, ["/admin", "/admin/orders", "/admin/analytics", "/dispatcher/board", "/dispatcher/inbox", "/admin/users", "/admin/work-types", "/admin/checklists", "/admin/notifications", "/admin/audit", "/dispatcher"] },
        { Roles.Dispatcher, ["/dispatcher", "/dispatcher/board", "/dispatcher/orders", "/dispatcher/analytics", "/dispatcher/inbox", "/dispatcher/applications", "/dispatcher/users"] },
        { Roles.Specialist, ["/specialist", "/specialist/orders"] },
        { Roles.Executor, ["/executor", "/executor/orders"] },
        { Roles.Customer, ["/customer"] },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Each_role_sees_only_its_own_sections(string role, string[] hrefs)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Тест");
        auth.SetRoles(role);

        var menu = Render<NavMenu>();

        Assert.Equal(hrefs, menu.FindAll("a.mud-nav-link").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void Navigation_is_in_russian()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Тест");
        auth.SetRoles(Roles.Dispatcher);

        var menu = Render<NavMenu>();

        Assert.Equal(["Диспетчерская", "Доска", "Заказы", "Аналитика", "Сообщения", "Заявки мастеров", "Пользователи"], menu.FindAll("a.mud-nav-link").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public void An_anonymous_visitor_sees_only_the_sign_in_link()
    {
        AddAuthorization();

        var menu = Render<NavMenu>();

        Assert.Equal(["/account/login"], menu.FindAll("a.mud-nav-link").Select(a => a.GetAttribute("href")));
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void Every_link_a_role_sees_leads_to_a_page_that_admits_it(string role, string[] hrefs)
    {
        var pages = typeof(AccessPolicies).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (r.Template, Policy: t.GetCustomAttribute<AuthorizeAttribute>()?.Policy)))
            .ToDictionary(p => p.Template, p => p.Policy);

        foreach (var href in hrefs)
        {
            Assert.True(pages.TryGetValue(href, out var policy), $"{href} is not a page");
            Assert.Contains(role, AccessPolicies.Table[policy!]);
        }
    }
}

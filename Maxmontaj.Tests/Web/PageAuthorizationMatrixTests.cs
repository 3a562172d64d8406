using System.Net;
using System.Reflection;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace Maxmontaj.Tests.Web;

/// <summary>
/// Walks every routable page for every role and for an anonymous visitor, and checks allow or deny against
/// <see cref="AccessPolicies.Table"/>, the same table the pages declare.
/// </summary>
[Trait("Category", "Sqlite")]
public sealed class PageAuthorizationMatrixTests(MaxmontajAppFactory app) : IClassFixture<MaxmontajAppFactory>
{
    private const string Anonymous = "Anonymous";

    public static IEnumerable<Type> Pages() =>
        typeof(AccessPolicies).Assembly.GetTypes().Where(t => t.GetCustomAttributes<RouteAttribute>().Any());

    public static TheoryData<string> Visitors() => [Anonymous, .. Roles.All];

    [Fact]
    public void Every_page_declares_who_may_open_it_from_the_table()
    {
        foreach (var page in Pages())
        {
            var authorize = page.GetCustomAttribute<AuthorizeAttribute>();
            var anonymous = page.GetCustomAttribute<AllowAnonymousAttribute>();
            Assert.True(authorize is not null ^ anonymous is not null, $"{page.Name} must declare [Authorize(Policy=...)] or [AllowAnonymous]");
            if (authorize is not null)
            {
                Assert.True(authorize.Policy is not null && AccessPolicies.Table.ContainsKey(authorize.Policy),
                    $"{page.Name} uses a policy outside AccessPolicies.Table");
                Assert.Null(authorize.Roles);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Visitors))]
    public async Task Each_page_admits_exactly_the_roles_in_the_table(string visitor)
    {
        var client = visitor == Anonymous
            ? SignInForm.NewClient(app)
            : await SignInForm.SignedInClientAsync(app, (await app.CreateUserAsync(visitor)).Email!);
        var checkedRoutes = 0;

        foreach (var page in Pages())
        {
            foreach (var route in page.GetCustomAttributes<RouteAttribute>().Select(r => r.Template).Where(t => !t.Contains('{')))
            {
                var response = await client.GetAsync(route);
                var location = response.Headers.Location?.OriginalString ?? "";
                var denied = location.Contains("/account/login", StringComparison.OrdinalIgnoreCase)
                    || location.Contains("/account/access-denied", StringComparison.OrdinalIgnoreCase)
                    || (int)response.StatusCode >= 400;
                Assert.True(Expected(page, visitor) != denied,
                    $"{visitor} on {route}: expected {(Expected(page, visitor) ? "allow" : "deny")}, got {(int)response.StatusCode} {location}");
                if (denied)
                {
                    Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                    Assert.Contains(visitor == Anonymous ? "/account/login" : "/account/access-denied", location);
                }

                checkedRoutes++;
            }
        }

        Assert.True(checkedRoutes >= 12, $"only {checkedRoutes} routes were found");
    }

    private static bool Expected(Type page, string visitor)
    {
        if (page.GetCustomAttribute<AllowAnonymousAttribute>() is not null)
        {
            return true;
        }

        var policy = page.GetCustomAttribute<AuthorizeAttribute>()!.Policy!;
        return visitor != Anonymous && AccessPolicies.Table[policy].Contains(visitor);
    }
}

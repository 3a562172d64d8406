using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Data.Seeding;
using Maxmontaj.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Tests.Web;

[Trait("Category", "Sqlite")]
public sealed class ProductionTests(ProductionAppFactory app) : IClassFixture<ProductionAppFactory>
{
    [Fact]
    public async Task Demo_data_is_never_created_in_production_even_when_configured()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaxmontajDbContext>();
        Assert.Equal([TestDatabase.AdminEmail], await db.Users.Select(u => u.Email!).ToListAsync());
    }

    [Fact]
    public async Task Cookies_are_secure_and_http_only_in_production()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        var response = await client.GetAsync("/account/login");

        var antiforgery = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", antiforgery, StringComparison.OrdinalIgnoreCase);
    }
}

public abstract class DemoSeedingTests : DatabaseTest
{
    [Fact]
    public async Task The_demo_set_has_each_role_skilled_field_staff_and_fifty_customers_and_is_created_once()
    {
        await using (var scope = Db.Services.CreateAsyncScope())
        {
            var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
            await initializer.SeedAsync(withDemoData: true);
            await initializer.SeedAsync(withDemoData: true);
        }

        await using var context = Db.NewContext();
        var perRole = await (from ur in context.UserRoles
                             join r in context.Roles on ur.RoleId equals r.Id
                             group ur by r.Name into g
                             select new { Role = g.Key!, Count = g.Count() }).ToDictionaryAsync(g => g.Role, g => g.Count);
        Assert.Equal(1, perRole[Roles.Admin]);
        Assert.Equal(1, perRole[Roles.Dispatcher]);
        Assert.Equal(12, perRole[Roles.Executor] + perRole[Roles.Specialist]);
        Assert.Equal(51, perRole[Roles.Customer]);
        var staffWithoutSkills = await context.Users
            .Where(u => context.UserRoles.Any(ur => ur.UserId == u.Id && context.Roles.Any(r => r.Id == ur.RoleId && (r.Name == Roles.Executor || r.Name == Roles.Specialist))))
            .CountAsync(u => !u.Skills.Any());
        Assert.Equal(0, staffWithoutSkills);
    }

    [Fact]
    public async Task The_demo_set_has_about_two_hundred_orders_in_every_status_with_skilled_people()
    {
        await using (var scope = Db.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().SeedAsync(withDemoData: true);
        }

        await using var context = Db.NewContext();
        Assert.Equal(200, await context.Orders.CountAsync());
        var statuses = await context.Orders.Select(o => o.Status).Distinct().ToListAsync();
        Assert.Equal(Enum.GetValues<Maxmontaj.Core.Orders.OrderStatus>().Order(), statuses.Order());
        var unskilled = await context.OrderAssignments
            .CountAsync(a => !context.UserSkills.Any(s => s.UserId == a.UserId
                && s.WorkTypeId == context.Orders.Where(o => o.Id == a.OrderId).Select(o => o.WorkTypeId).First()));
        Assert.Equal(0, unskilled);
        Assert.True(await context.OrderAssignments.Select(a => a.UserId).Distinct().CountAsync() >= 8);
    }

    [Fact]
    public async Task Demo_accounts_accept_the_password_printed_in_the_README()
    {
        await using var scope = Db.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().SeedAsync(withDemoData: true);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();

        foreach (var (email, _, role, _) in DemoDataSeeder.Accounts)
        {
            var user = await users.FindByEmailAsync(email);
            Assert.NotNull(user);
            Assert.True(await users.CheckPasswordAsync(user, DemoDataSeeder.Password), email);
            Assert.True(await users.IsInRoleAsync(user, role), email);
        }
    }
}

[Trait("Category", "Sqlite")]
public sealed class DemoSeedingTests_Sqlite : DemoSeedingTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class DemoSeedingTests_MariaDb : DemoSeedingTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

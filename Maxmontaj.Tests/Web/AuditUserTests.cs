using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Tests.Web;

/// <summary>The app's own CurrentUser: a service's child scope records the circuit's user, who has no HTTP request behind it.</summary>
[Trait("Category", "Sqlite")]
public sealed class CircuitAuditUserTests(MaxmontajAppFactory app) : IClassFixture<MaxmontajAppFactory>
{
    [Fact]
    public async Task A_user_created_from_a_circuit_records_the_circuits_user()
    {
        var admin = Guid.NewGuid();

        var created = await app.AsAsync(admin, Roles.Admin, sp => sp.GetRequiredService<UserAdministrationService>().CreateAsync(new UserEditModel
        {
            FullName = "Ольга Диспетчер", Email = "olga@example.ru", Roles = [Roles.Dispatcher], Password = MaxmontajAppFactory.Password,
        }));

        Assert.True(created.Succeeded, string.Join(",", created.Errors.Select(e => e.Code)));
        var createdBy = await app.AsAsync(admin, Roles.Admin, async sp =>
            await sp.GetRequiredService<Maxmontaj.Data.MaxmontajDbContext>().Users.Where(u => u.Id == created.Value).Select(u => u.CreatedBy).SingleAsync());
        Assert.Equal(admin, createdBy);
    }
}

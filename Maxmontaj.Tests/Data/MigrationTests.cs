using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Tests.Data;

public abstract class MigrationTests : DatabaseTest
{
    protected override bool MigrateOnStart => false;

    [Fact]
    public async Task Migrations_from_an_empty_database_create_the_schema_and_seed_roles_catalogue_and_admin()
    {
        await Db.MigrateAndSeedAsync();

        await using var context = Db.NewContext();
        Assert.Equal(context.Database.GetMigrations(), await context.Database.GetAppliedMigrationsAsync());
        Assert.Equal(Roles.All.Order(), (await context.Roles.Select(r => r.Name!).ToListAsync()).Order());
        Assert.Equal(7, await context.WorkTypes.CountAsync());
        var admin = await context.Users.SingleAsync(u => u.NormalizedEmail == TestDatabase.AdminEmail.ToUpperInvariant());
        Assert.True(await context.UserRoles.AnyAsync(ur => ur.UserId == admin.Id));
    }

    [Fact]
    public async Task Seeding_twice_changes_nothing()
    {
        await Db.MigrateAndSeedAsync();
        await Db.MigrateAndSeedAsync();

        await using var context = Db.NewContext();
        Assert.Equal(5, await context.Roles.CountAsync());
        Assert.Equal(1, await context.Users.CountAsync());
    }

    [Fact]
    public async Task The_model_has_no_changes_that_a_migration_does_not_cover()
    {
        await using var context = Db.NewContext();

        Assert.False(context.Database.HasPendingModelChanges(),
            $"The model has changes without a {Provider} migration: run scripts/add-migration.sh NAME");
    }
}

[Trait("Category", "Sqlite")]
public sealed class MigrationTests_Sqlite : MigrationTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class MigrationTests_MariaDb : MigrationTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

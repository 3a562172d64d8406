using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Maxmontaj.Data.Providers;

/// <summary>The production provider. Its migrations live in Migrations/MariaDb.</summary>
public sealed class MariaDbMaxmontajDbContext(DbContextOptions<MariaDbMaxmontajDbContext> options) : MaxmontajDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.HasCharSet("utf8mb4");
        base.OnModelCreating(builder);
    }
}

/// <summary>Lets <c>dotnet ef</c> build the MariaDB model offline: the server version is explicit, so no connection is opened.</summary>
public sealed class MariaDbDesignTimeFactory : IDesignTimeDbContextFactory<MariaDbMaxmontajDbContext>
{
    public MariaDbMaxmontajDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MariaDbMaxmontajDbContext>()
            .UseMySql("Server=localhost;Database=maxmontaj", DatabaseOptions.ParseServerVersion(DatabaseOptions.DefaultMariaDbVersion))
            .Options);
}

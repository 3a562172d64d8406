using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Maxmontaj.Data.Providers;

/// <summary>The embedded default. Its migrations live in Migrations/Sqlite.</summary>
public sealed class SqliteMaxmontajDbContext(DbContextOptions<SqliteMaxmontajDbContext> options) : MaxmontajDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite cannot compare or sort DateTimeOffset stored as text; the binary form keeps UTC values in order.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without starting the web host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMaxmontajDbContext>
{
    public SqliteMaxmontajDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteMaxmontajDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

using Maxmontaj.Data;
using Maxmontaj.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace Maxmontaj.Tests.Health;

/// <summary>MariaDB connections are built so that an outage answers in seconds (ADR 0022); nothing connects here.</summary>
[Trait("Category", "Sqlite")]
public sealed class DatabaseTimeoutTests
{
    [Fact]
    public void A_mariadb_connection_gets_a_short_connect_timeout_and_a_command_timeout()
    {
        using var context = Connection("Server=127.0.0.1;Port=1;User ID=u;Password=p;Database=d").CreateContext(null);

        Assert.Equal(3u, new MySqlConnectionStringBuilder(context.Database.GetConnectionString()!).ConnectionTimeout);
        Assert.Equal(30, context.Database.GetCommandTimeout());
        Assert.Equal("p", new MySqlConnectionStringBuilder(context.Database.GetConnectionString()!).Password);
    }

    [Theory]
    [InlineData("Connect Timeout=10")]
    [InlineData("connection timeout=10")]
    [InlineData("ConnectionTimeout=10")]
    public void A_connect_timeout_in_the_connection_string_is_kept(string setting)
    {
        var connection = Connection($"Server=127.0.0.1;Port=1;User ID=u;Password=p;Database=d;{setting}");

        Assert.Equal(10u, new MySqlConnectionStringBuilder(connection.ConnectionString).ConnectionTimeout);
    }

    [Fact]
    public void The_timeouts_and_retries_are_settings()
    {
        var options = new DatabaseOptions { Provider = DatabaseProvider.MariaDb, ConnectTimeoutSeconds = 7, CommandTimeoutSeconds = 120 };
        using var context = Connection("Server=127.0.0.1;Port=1;User ID=u;Password=p;Database=d", options).CreateContext(null);

        Assert.Equal(7u, new MySqlConnectionStringBuilder(context.Database.GetConnectionString()!).ConnectionTimeout);
        Assert.Equal(120, context.Database.GetCommandTimeout());
        Assert.True(context.Database.CreateExecutionStrategy().RetriesOnFailure);
    }

    private static DatabaseConnection Connection(string connectionString, DatabaseOptions? options = null) =>
        new(Options.Create(options ?? new DatabaseOptions { Provider = DatabaseProvider.MariaDb }),
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Maxmontaj"] = connectionString }).Build());
}

using Maxmontaj.Data.Interceptors;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Data.Providers;

/// <summary>
/// The configured provider and connection string, read once when first needed (not while services are being registered,
/// so hosts and tests can still change the configuration), and the context options for each provider.
/// </summary>
public sealed class DatabaseConnection
{
    public DatabaseConnection(IOptions<DatabaseOptions> options, IConfiguration configuration, IHostEnvironment? environment = null,
        Core.Notifications.IOutboxSignal? outboxSignal = null)
    {
        _outboxSignal = outboxSignal is null ? null : new OutboxSignalInterceptor(outboxSignal);
        var settings = options.Value;
        _settings = settings;
        Provider = settings.Provider;
        var configured = configuration.GetConnectionString(DependencyInjection.ConnectionStringName);
        if (Provider == DatabaseProvider.MariaDb)
        {
            if (string.IsNullOrWhiteSpace(configured))
            {
                throw new InvalidOperationException(
                    $"ConnectionStrings:{DependencyInjection.ConnectionStringName} is required when Database:Provider is MariaDb.");
            }

            ConnectionString = WithConnectTimeout(configured, settings.ConnectTimeoutSeconds);
            ServerVersion = DatabaseOptions.ParseServerVersion(settings.MariaDbVersion);
        }
        else
        {
            ConnectionString = SqliteConnectionString(configured, settings.DataFolder, environment?.ContentRootPath ?? AppContext.BaseDirectory);
        }
    }

    private readonly DatabaseOptions _settings;

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    private MariaDbServerVersion? ServerVersion { get; }

    /// <summary>Wakes the outbox worker after a commit that queued a notification; on every context.</summary>
    private readonly OutboxSignalInterceptor? _outboxSignal;

    public MaxmontajDbContext CreateContext(AuditingInterceptor? interceptor) => Provider switch
    {
        DatabaseProvider.MariaDb => new MariaDbMaxmontajDbContext(
            With(new DbContextOptionsBuilder<MariaDbMaxmontajDbContext>()
                .UseMySql(ConnectionString, ServerVersion!, m => m
                    .EnableRetryOnFailure(_settings.MaxRetryCount, _settings.MaxRetryDelay, errorNumbersToAdd: null)
                    .CommandTimeout(_settings.CommandTimeoutSeconds)), interceptor).Options),
        _ => new SqliteMaxmontajDbContext(
            With(new DbContextOptionsBuilder<SqliteMaxmontajDbContext>().UseSqlite(ConnectionString), interceptor).Options),
    };

    private DbContextOptionsBuilder<T> With<T>(DbContextOptionsBuilder<T> builder, AuditingInterceptor? interceptor)
        where T : DbContext
    {
        if (_outboxSignal is not null)
        {
            builder.AddInterceptors(_outboxSignal);
        }

        return interceptor is null ? builder : builder.AddInterceptors(interceptor);
    }

    /// <summary>The MariaDB connection string with a short connect timeout, unless it sets its own (MySqlConnector's default is 15 s).</summary>
    private static string WithConnectTimeout(string configured, int seconds)
    {
        var builder = new MySqlConnector.MySqlConnectionStringBuilder(configured);
        var explicitTimeout = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured }.Keys.Cast<string>()
            .Any(k => k.Replace(" ", "").Equals("ConnectTimeout", StringComparison.OrdinalIgnoreCase)
                || k.Replace(" ", "").Equals("ConnectionTimeout", StringComparison.OrdinalIgnoreCase));
        if (!explicitTimeout)
        {
            builder.ConnectionTimeout = (uint)seconds;
        }

        return builder.ConnectionString;
    }

    /// <summary>The configured SQLite connection string, or a file in the data folder, which is created when missing.</summary>
    private static string SqliteConnectionString(string? configured, string dataFolder, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=maxmontaj.db" : configured);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            var folder = Path.GetFullPath(Path.Combine(contentRoot, dataFolder));
            Directory.CreateDirectory(folder);
            builder.DataSource = Path.Combine(folder, builder.DataSource);
        }
        else if (Path.GetDirectoryName(builder.DataSource) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        builder.ForeignKeys = true;
        return builder.ToString();
    }
}

/// <summary>A short-lived context per operation, stamped by the auditing interceptor of the current scope.</summary>
internal sealed class MaxmontajDbContextFactory(DatabaseConnection connection, AuditingInterceptor interceptor)
    : IDbContextFactory<MaxmontajDbContext>
{
    public MaxmontajDbContext CreateDbContext() => connection.CreateContext(interceptor);
}

using Maxmontaj.Core.Common;
using Maxmontaj.Data.Interceptors;
using Maxmontaj.Data.Providers;
using Maxmontaj.Data.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Data;

/// <summary>Data's registration entry point.</summary>
public static class DependencyInjection
{
    public const string ConnectionStringName = "Maxmontaj";

    /// <summary>
    /// Registers the provider chosen by <c>Database:Provider</c>, a per-scope context factory (so the auditing interceptor sees
    /// the scope's user), <see cref="IMaxmontajDbFactory"/> for Core, and the initializer and seeders.
    /// </summary>
    public static IServiceCollection AddMaxmontajData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section);

        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        services.AddScoped<AuditingInterceptor>();

        switch (options.Provider)
        {
            case DatabaseProvider.MariaDb:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        $"ConnectionStrings:{ConnectionStringName} is required when Database:Provider is MariaDb.");
                }

                var version = DatabaseOptions.ParseServerVersion(options.MariaDbVersion);
                services.AddDbContextFactory<MariaDbMaxmontajDbContext>(
                    (sp, o) => o.UseMySql(connectionString, version, m => m.EnableRetryOnFailure(5))
                        .AddInterceptors(sp.GetRequiredService<AuditingInterceptor>()),
                    ServiceLifetime.Scoped);
                services.AddScoped<IDbContextFactory<MaxmontajDbContext>, ProviderDbContextFactory<MariaDbMaxmontajDbContext>>();
                break;

            default:
                var sqlite = SqliteConnectionString(connectionString, options.DataFolder, contentRoot);
                services.AddDbContextFactory<SqliteMaxmontajDbContext>(
                    (sp, o) => o.UseSqlite(sqlite).AddInterceptors(sp.GetRequiredService<AuditingInterceptor>()),
                    ServiceLifetime.Scoped);
                services.AddScoped<IDbContextFactory<MaxmontajDbContext>, ProviderDbContextFactory<SqliteMaxmontajDbContext>>();
                break;
        }

        // Identity's stores need a scoped context; everything else opens its own through the factory.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<MaxmontajDbContext>>().CreateDbContext());
        services.AddScoped<IMaxmontajDb>(sp => sp.GetRequiredService<MaxmontajDbContext>());
        services.AddScoped<IMaxmontajDbFactory, MaxmontajDbFactory>();
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<DemoDataSeeder>();
        return services;
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

        builder.ForeignKeys = true;
        return builder.ToString();
    }
}

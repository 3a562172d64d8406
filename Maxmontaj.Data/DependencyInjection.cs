using Maxmontaj.Core.Common;
using Maxmontaj.Data.Interceptors;
using Maxmontaj.Data.Providers;
using Maxmontaj.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Data;

/// <summary>Data's registration entry point.</summary>
public static class DependencyInjection
{
    public const string ConnectionStringName = "Maxmontaj";

    /// <summary>
    /// Registers the provider chosen by <c>Database:Provider</c> (SQLite by default, or MariaDB) with the connection string
    /// <c>ConnectionStrings:Maxmontaj</c>, a per-scope context factory (so the auditing interceptor sees the scope's user),
    /// <see cref="IMaxmontajDbFactory"/> for Core, and the initializer and seeders.
    /// </summary>
    public static IServiceCollection AddMaxmontajData(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section);

        services.AddSingleton<DatabaseConnection>();
        services.AddScoped<AuditingInterceptor>();
        services.AddScoped<IDbContextFactory<MaxmontajDbContext>, MaxmontajDbContextFactory>();

        // Identity's stores need a scoped context; everything else opens its own through the factory.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<MaxmontajDbContext>>().CreateDbContext());
        services.AddScoped<IMaxmontajDb>(sp => sp.GetRequiredService<MaxmontajDbContext>());
        services.AddScoped<IMaxmontajDbFactory, MaxmontajDbFactory>();
        services.AddSingleton<IDbErrors, DbErrors>();
        services.AddSingleton<Core.Orders.IOrderTextSearch, Search.OrderTextSearch>();
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<DemoDataSeeder>();
        return services;
    }
}

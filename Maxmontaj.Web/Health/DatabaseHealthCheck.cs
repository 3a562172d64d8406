using Maxmontaj.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Web.Health;

/// <summary>
/// The database answers a query through the app's own provider and connection string within
/// <see cref="HealthOptions.DatabaseTimeout"/>, its schema has no pending migrations, and start-up seeding is done
/// (<see cref="StartupState"/>). The connection is opened directly,
/// outside the retry strategy, so a stopped server is reported in seconds instead of after the retries.
/// </summary>
public sealed class DatabaseHealthCheck(DatabaseConnection connection, StartupState startup, IOptionsMonitor<HealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.CurrentValue.DatabaseTimeout);
        var data = new Dictionary<string, object> { ["provider"] = connection.Provider.ToString() };
        try
        {
            await using var db = connection.CreateContext(null);
            var dbConnection = db.Database.GetDbConnection();
            await dbConnection.OpenAsync(timeout.Token);
            await using (var command = dbConnection.CreateCommand())
            {
                command.CommandText = "SELECT 1";
                command.CommandTimeout = Math.Max(1, (int)Math.Ceiling(options.CurrentValue.DatabaseTimeout.TotalSeconds));
                await command.ExecuteScalarAsync(timeout.Token);
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(timeout.Token)).Count();
            data["pendingMigrations"] = pending;
            if (pending > 0)
            {
                return HealthCheckResult.Unhealthy($"The database has {pending} pending migration(s): run `migrate`.", data: data);
            }

            return startup.DatabaseInitialized
                ? HealthCheckResult.Healthy("The database answers.", data)
                : HealthCheckResult.Unhealthy("The database answers; start-up seeding has not finished yet.", data: data);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The database did not answer within {options.CurrentValue.DatabaseTimeout.TotalSeconds:0.#} s.", data: data);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database is unreachable: " + exception.GetBaseException().Message, data: data);
        }
    }
}

using Maxmontaj.Data.Providers;

namespace Maxmontaj.Web.Health;

/// <summary>
/// Start-up's migrate-and-seed when the database may still be down (a reboot where the app comes up before MariaDB): the
/// app starts anyway, /health/ready says not-ready (the database check), and the initialisation is retried in the
/// background until it succeeds. Any other failure (a broken migration) still stops the start. The <c>migrate</c> verb
/// does not come here: it fails loudly.
/// </summary>
public static class DatabaseStartup
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    public static async Task InitializeDatabaseWhenReachableAsync(this WebApplication app, bool migrate)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup).FullName!);
        try
        {
            await app.InitializeDatabaseAsync(migrate);
            app.Services.GetRequiredService<StartupState>().MarkInitialized();
            return;
        }
        catch (Exception exception) when (DatabaseUnavailable.Is(exception))
        {
            logger.LogWarning("The database is unreachable at start-up ({Reason}); the app starts not-ready and retries in the background",
                exception.GetBaseException().Message);
        }

        var stopping = app.Lifetime.ApplicationStopping;
        _ = Task.Run(async () =>
        {
            var delay = FirstRetry;
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(delay, stopping);
                    await app.InitializeDatabaseAsync(migrate);
                    app.Services.GetRequiredService<StartupState>().MarkInitialized();
                    logger.LogWarning("The database is reachable again: start-up migration and seeding done");
                    return;
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception exception) when (DatabaseUnavailable.Is(exception))
                {
                    logger.LogWarning("The database is still unreachable ({Reason}); next try in {Delay}", exception.GetBaseException().Message, delay);
                }
                catch (Exception exception)
                {
                    logger.LogCritical(exception, "Start-up migration or seeding failed; the app stays not-ready until restarted");
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetry.Ticks));
            }
        }, CancellationToken.None);
    }
}

/// <summary>Whether start-up's migration and seeding have finished; until then the database check reports not-ready.</summary>
public sealed class StartupState
{
    private volatile bool _initialized;

    public bool DatabaseInitialized => _initialized;

    public void MarkInitialized() => _initialized = true;
}

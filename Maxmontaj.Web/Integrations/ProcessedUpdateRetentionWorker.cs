using Maxmontaj.Core.Registration;

namespace Maxmontaj.Web.Integrations;

/// <summary>Once at start and then once a day, forgets handled update ids older than 30 days, in batches.</summary>
public sealed class ProcessedUpdateRetentionWorker(IServiceScopeFactory scopes, TimeProvider time, ILogger<ProcessedUpdateRetentionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var deleted = await scope.ServiceProvider.GetRequiredService<ProcessedUpdateRetention>().PurgeAsync(cancellationToken: stoppingToken);
                if (deleted > 0)
                {
                    logger.LogInformation("Forgot {Count} handled bot updates older than {Days} days", deleted, ProcessedUpdateRetention.RetentionDays);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Could not delete old handled bot updates");
            }

            try
            {
                await Task.Delay(TimeSpan.FromDays(1), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

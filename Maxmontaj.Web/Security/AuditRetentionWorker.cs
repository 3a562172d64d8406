using System.ComponentModel.DataAnnotations;
using Maxmontaj.Core.Audit;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Web.Security;

/// <summary>The audit log's settings (section <c>Audit</c>).</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>How long entries are kept, in days (default 365).</summary>
    [Range(1, 36500)]
    public int RetentionDays { get; set; } = AuditRetention.DefaultRetentionDays;
}

/// <summary>Once at start and then once a day, deletes audit entries older than <c>Audit:RetentionDays</c>, in batches.</summary>
public sealed class AuditRetentionWorker(IServiceScopeFactory scopes, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditRetentionWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var deleted = await scope.ServiceProvider.GetRequiredService<AuditRetention>().PurgeAsync(options.Value.RetentionDays, cancellationToken: stoppingToken);
                if (deleted > 0)
                {
                    logger.LogInformation("Deleted {Count} audit entries older than {Days} days", deleted, options.Value.RetentionDays);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Could not delete old audit entries");
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

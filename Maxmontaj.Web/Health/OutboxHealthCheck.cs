using Maxmontaj.Core.Notifications;
using Maxmontaj.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Web.Health;

/// <summary>
/// Outbox lag: how long the oldest due Pending notification has waited past its due time. Degraded past
/// <see cref="HealthOptions.OutboxLagThreshold"/> (the worker is stuck or every channel is failing); never Unhealthy: the
/// app still serves people. One query on the (Status, NextAttemptAt) index.
/// </summary>
public sealed class OutboxHealthCheck(DatabaseConnection connection, TimeProvider time, IOptionsMonitor<HealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.CurrentValue.DatabaseTimeout);
        var lag = await OutboxLag.MeasureAsync(connection, time, timeout.Token);
        var threshold = options.CurrentValue.OutboxLagThreshold;
        var data = new Dictionary<string, object> { ["lagSeconds"] = Math.Round(lag.TotalSeconds), ["thresholdSeconds"] = threshold.TotalSeconds };
        return lag > threshold
            ? HealthCheckResult.Degraded($"The oldest due notification has waited {lag.TotalMinutes:0} min.", data: data)
            : HealthCheckResult.Healthy("The outbox keeps up.", data);
    }
}

/// <summary>The outbox's lag, shared by the health check and the metrics sampler.</summary>
public static class OutboxLag
{
    public static async Task<TimeSpan> MeasureAsync(DatabaseConnection connection, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = connection.CreateContext(null);
        var oldest = await db.Notifications.AsNoTracking()
            .Where(n => n.Status == NotificationStatus.Pending && n.NextAttemptAt <= now)
            .OrderBy(n => n.NextAttemptAt).Select(n => (DateTimeOffset?)n.NextAttemptAt)
            .FirstOrDefaultAsync(cancellationToken);
        return oldest is { } due && due < now ? now - due : TimeSpan.Zero;
    }
}

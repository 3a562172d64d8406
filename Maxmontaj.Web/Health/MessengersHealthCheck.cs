using Maxmontaj.Core.Notifications;
using Maxmontaj.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Web.Health;

/// <summary>
/// Each messenger's last result, from the database: the latest <see cref="NotificationAttempt"/> per channel. Degraded when
/// the last attempt through a channel failed (the outbox moves on to the next channel, so people are still reached); never
/// Unhealthy. A channel never tried is reported as such.
/// </summary>
public sealed class MessengersHealthCheck(DatabaseConnection connection, IEnumerable<INotificationChannel> channels, IOptionsMonitor<HealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.CurrentValue.DatabaseTimeout);
        cancellationToken = timeout.Token;
        await using var db = connection.CreateContext(null);
        var data = new Dictionary<string, object>();
        var failing = new List<string>();
        foreach (var name in channels.Select(c => c.Name).Distinct())
        {
            var last = await db.NotificationAttempts.AsNoTracking().Where(a => a.Channel == name).OrderByDescending(a => a.Id)
                .Select(a => new { a.Succeeded, a.At, a.Error }).FirstOrDefaultAsync(cancellationToken);
            if (last is null)
            {
                data[name] = "not tried";
                continue;
            }

            data[name] = last.Succeeded ? $"sent at {last.At:O}" : $"failed at {last.At:O}: {Short(last.Error)}";
            if (!last.Succeeded)
            {
                failing.Add(name);
            }
        }

        return failing.Count > 0
            ? HealthCheckResult.Degraded("Last attempt failed: " + string.Join(", ", failing), data: data)
            : HealthCheckResult.Healthy("No messenger's last attempt failed.", data);
    }

    private static string? Short(string? error) => error is { Length: > 200 } ? error[..200] : error;
}

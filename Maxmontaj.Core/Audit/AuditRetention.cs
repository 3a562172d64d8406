using Maxmontaj.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Audit;

/// <summary>Deletes audit entries older than the retention period (<c>Audit:RetentionDays</c>), in batches.</summary>
public sealed class AuditRetention(IMaxmontajDbFactory dbFactory, TimeProvider time)
{
    public const int DefaultRetentionDays = 365;
    public const int BatchSize = 1000;

    /// <summary>Deletes every entry older than <paramref name="retentionDays"/> days before now; returns how many went.</summary>
    public async Task<int> PurgeAsync(int retentionDays, int batchSize = BatchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retentionDays, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(retentionDays);
        var total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            // One short transaction per batch: the table is never locked for long, and a stop loses at most one batch.
            await using var db = await dbFactory.CreateAsync(cancellationToken);
            var ids = await db.AuditEntries.Where(e => e.At < cutoff).OrderBy(e => e.At).Select(e => e.Id).Take(batchSize).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            total += await db.AuditEntries.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
            if (ids.Count < batchSize)
            {
                break;
            }
        }

        return total;
    }
}

using Maxmontaj.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Registration;

/// <summary>
/// Forgets handled update ids after <see cref="RetentionDays"/> days, in batches: messengers redeliver for hours at most
/// (Telegram up to a day, Meta up to 7 days), so an older mark only grows the table.
/// </summary>
public sealed class ProcessedUpdateRetention(IMaxmontajDbFactory dbFactory, TimeProvider time)
{
    public const int RetentionDays = 30;
    public const int BatchSize = 1000;

    /// <summary>Deletes every mark older than <paramref name="retentionDays"/> days; returns how many went.</summary>
    public async Task<int> PurgeAsync(int retentionDays = RetentionDays, int batchSize = BatchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retentionDays, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(retentionDays);
        var total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            // One short transaction per batch, by key: the table is never locked for long.
            await using var db = await dbFactory.CreateAsync(cancellationToken);
            var batch = await db.ProcessedUpdates.Where(u => u.At < cutoff).Select(u => new { u.Channel, u.UpdateId }).Take(batchSize)
                .ToListAsync(cancellationToken);
            foreach (var channel in batch.GroupBy(u => u.Channel))
            {
                var ids = channel.Select(u => u.UpdateId).ToList();
                total += await db.ProcessedUpdates.Where(u => u.Channel == channel.Key && ids.Contains(u.UpdateId) && u.At < cutoff)
                    .ExecuteDeleteAsync(cancellationToken);
            }

            if (batch.Count < batchSize)
            {
                break;
            }
        }

        return total;
    }
}

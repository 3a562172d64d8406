using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Common;

/// <summary>
/// Several saves that must commit together or not at all. The work runs on a fresh unit of work inside the provider's
/// execution strategy (MariaDB retries transient failures), so a retry starts from a clean context.
/// </summary>
public static class DbTransactions
{
    public static async Task<T> RunAsync<T>(IMaxmontajDbFactory dbFactory, Func<IMaxmontajDb, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await using var probe = await dbFactory.CreateAsync(cancellationToken);
        return await probe.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var db = await dbFactory.CreateAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await work(db, ct);
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
    }
}

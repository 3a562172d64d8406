using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Data.Providers;

/// <summary>Hands out the configured provider's context as the common <see cref="MaxmontajDbContext"/>.</summary>
internal sealed class ProviderDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<MaxmontajDbContext>
    where TContext : MaxmontajDbContext
{
    public MaxmontajDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<MaxmontajDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}

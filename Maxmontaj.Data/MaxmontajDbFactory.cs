using Maxmontaj.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Data;

internal sealed class MaxmontajDbFactory(IDbContextFactory<MaxmontajDbContext> contexts) : IMaxmontajDbFactory
{
    public async Task<IMaxmontajDb> CreateAsync(CancellationToken cancellationToken = default) =>
        await contexts.CreateDbContextAsync(cancellationToken);
}

using Maxmontaj.Core.Common;
using Maxmontaj.Core.Orders;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Customers;

/// <summary>
/// Private status links: 128 random bits shown once to the dispatcher (as a link and a QR code), stored only as a SHA-256
/// hash, scoped to one order, revocable, and dead 30 days after the order is closed.
/// </summary>
public sealed class StatusLinkService(IMaxmontajDbFactory dbFactory, ICurrentUser currentUser, TimeProvider time)
{
    public static readonly TimeSpan LifeAfterClosing = TimeSpan.FromDays(30);

    /// <summary>Makes a new link for the order (the previous one stops working) and returns its token, which is never stored.</summary>
    public async Task<string> CreateAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        OrderAccess.RequireOffice(currentUser);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await db.Orders.AnyAsync(o => o.Id == orderId, cancellationToken))
        {
            throw new NotFoundException("Order", orderId);
        }

        var now = time.GetUtcNow();
        await RevokeAllAsync(db, orderId, now, cancellationToken);
        var token = SecureTokens.New();
        db.StatusLinks.Add(new StatusLink { Id = Guid.CreateVersion7(), OrderId = orderId, TokenHash = SecureTokens.Hash(token), CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public async Task RevokeAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        OrderAccess.RequireOffice(currentUser);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await RevokeAllAsync(db, orderId, time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> HasActiveLinkAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        OrderAccess.RequireOffice(currentUser);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.StatusLinks.AnyAsync(l => l.OrderId == orderId && l.RevokedAt == null, cancellationToken);
    }

    /// <summary>The order a token opens, or null for a wrong, revoked or expired token alike.</summary>
    internal async Task<Guid?> ResolveAsync(IMaxmontajDb db, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 64)
        {
            return null;
        }

        var hash = SecureTokens.Hash(token);
        var link = await (from l in db.StatusLinks
                          join o in db.Orders on l.OrderId equals o.Id
                          where l.TokenHash == hash && l.RevokedAt == null
                          select new { l.OrderId, o.ClosedAt, o.Status }).SingleOrDefaultAsync(cancellationToken);
        if (link is null || (link.Status == OrderStatus.Closed && link.ClosedAt is { } closed && time.GetUtcNow() > closed + LifeAfterClosing))
        {
            return null;
        }

        return link.OrderId;
    }

    private static async Task RevokeAllAsync(IMaxmontajDb db, Guid orderId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var link in await db.StatusLinks.Where(l => l.OrderId == orderId && l.RevokedAt == null).ToListAsync(cancellationToken))
        {
            link.RevokedAt = now;
        }
    }
}

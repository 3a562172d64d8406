using Maxmontaj.Core.Audit;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Orders;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Customers;

/// <summary>
/// Private status links: 128 random bits shown once to the dispatcher (as a link and a QR code), stored only as a SHA-256
/// hash, scoped to one order, revocable, and dead 30 days after the order is closed or cancelled. Looking at an order's link
/// never replaces it: only <see cref="RenewAsync"/> (the dispatcher's explicit "new link") revokes the one the customer has.
/// </summary>
public sealed class StatusLinkService(IMaxmontajDbFactory dbFactory, ICurrentUser currentUser, TimeProvider time, IPublicLinks publicLinks, IAuditLog audit)
{
    public static readonly TimeSpan LifeAfterClosing = TimeSpan.FromDays(30);

    /// <summary>
    /// What the link dialog shows: a link made now when the order has none (the only time its token can be shown), or the
    /// date the current link was issued and whether it still opens (30 days after closing or cancelling it no longer does).
    /// Nothing is revoked.
    /// </summary>
    public async Task<StatusLinkView> OpenAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        OrderAccess.RequireOffice(currentUser);
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            var issued = await (from l in db.StatusLinks
                                join o in db.Orders on l.OrderId equals o.Id
                                where l.OrderId == orderId && l.RevokedAt == null
                                select new { l.CreatedAt, o.ClosedAt, o.Status, o.UpdatedAt }).FirstOrDefaultAsync(cancellationToken);
            if (issued is not null)
            {
                var ended = await EndedAtAsync(db, orderId, issued.Status, issued.ClosedAt, issued.UpdatedAt, cancellationToken);
                return new StatusLinkView(null, issued.CreatedAt, IsExpired(ended));
            }
        }

        return await RenewAsync(orderId, cancellationToken);
    }

    /// <summary>The dispatcher's explicit "new link": the previous link stops working and the new one is shown once.</summary>
    public async Task<StatusLinkView> RenewAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        var token = await CreateAsync(orderId, cancellationToken);
        return new StatusLinkView(publicLinks.StatusPage(token), time.GetUtcNow());
    }

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
        var link = new StatusLink { Id = Guid.CreateVersion7(), OrderId = orderId, TokenHash = SecureTokens.Hash(token), CreatedAt = now };
        db.StatusLinks.Add(link);
        // The link's id, never its token or hash.
        await audit.AddAsync(db, AuditKind.StatusLinkIssued, AuditSubjects.Order, orderId.ToString(), new AuditDetails().Set("LinkId", link.Id), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public async Task RevokeAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        OrderAccess.RequireOffice(currentUser);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await RevokeAllAsync(db, orderId, time.GetUtcNow(), cancellationToken) > 0)
        {
            await audit.AddAsync(db, AuditKind.StatusLinkRevoked, AuditSubjects.Order, orderId.ToString(), null, cancellationToken);
        }

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
                          select new { l.OrderId, o.ClosedAt, o.Status, o.UpdatedAt }).SingleOrDefaultAsync(cancellationToken);
        if (link is null)
        {
            return null;
        }

        var ended = await EndedAtAsync(db, link.OrderId, link.Status, link.ClosedAt, link.UpdatedAt, cancellationToken);
        return IsExpired(ended) ? null : link.OrderId;
    }

    private bool IsExpired(DateTimeOffset? ended) => ended is { } end && time.GetUtcNow() > end + LifeAfterClosing;

    /// <summary>When the order stopped being followed: closed, or last cancelled; null while it is open.</summary>
    private static async Task<DateTimeOffset?> EndedAtAsync(IMaxmontajDb db, Guid orderId, OrderStatus status, DateTimeOffset? closedAt,
        DateTimeOffset? updatedAt, CancellationToken cancellationToken) => status switch
    {
        OrderStatus.Closed => closedAt,
        OrderStatus.Cancelled => await CancelledAtAsync(db, orderId, cancellationToken) ?? updatedAt,
        _ => null,
    };

    /// <summary>When the order was last cancelled, from its timeline (the order keeps only the local day of it).</summary>
    private static async Task<DateTimeOffset?> CancelledAtAsync(IMaxmontajDb db, Guid orderId, CancellationToken cancellationToken)
    {
        var cancellations = await db.OrderEvents.AsNoTracking()
            .Where(e => e.OrderId == orderId && e.Kind == OrderEventKind.StatusChanged && e.Details != null && e.Details.EndsWith("→" + nameof(OrderStatus.Cancelled)))
            .Select(e => e.At).ToListAsync(cancellationToken);
        return cancellations.Count > 0 ? cancellations.Max() : null;
    }

    private static async Task<int> RevokeAllAsync(IMaxmontajDb db, Guid orderId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var links = await db.StatusLinks.Where(l => l.OrderId == orderId && l.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var link in links)
        {
            link.RevokedAt = now;
        }

        return links.Count;
    }
}

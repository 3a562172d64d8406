using Maxmontaj.Core.Common;
using Maxmontaj.Core.Live;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Customers;

/// <summary>A customer account whose phone matches an order that has no customer yet: a link the office may confirm.</summary>
public sealed record ProposedCustomer(Guid UserId, string FullName, string? Email, bool PhoneConfirmed);

/// <summary>
/// Proposed links between an order without a customer and the customer accounts holding the caller's phone. Orders link by
/// phone on their own only to a confirmed phone (<see cref="OrderService"/>); anything else waits for the office to confirm it
/// here, on the order's timeline (ADR 0019).
/// </summary>
public sealed class CustomerLinkService(IMaxmontajDbFactory dbFactory, ICurrentUser currentUser, TimeProvider time, OrderService orders)
{
    public async Task<IReadOnlyList<ProposedCustomer>> ProposalsAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        OrderAccess.RequireOffice(currentUser);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var order = await db.Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => new { o.CustomerId, o.ContactPhone })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Order", orderId);
        return order.CustomerId is not null ? [] : await Candidates(db, order.ContactPhone)
            .OrderByDescending(u => u.PhoneNumberConfirmed).ThenBy(u => u.FullName)
            .Select(u => new ProposedCustomer(u.Id, u.FullName, u.Email, u.PhoneNumberConfirmed)).ToListAsync(cancellationToken);
    }

    /// <summary>Links the order to a proposed customer; refused when the order already has one or the account is not proposed.</summary>
    public async Task<Result> ConfirmAsync(Guid orderId, Guid customerId, Guid? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        OrderAccess.RequireOffice(currentUser);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var order = await db.Orders.Include(o => o.Assignments).SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken)
            ?? throw new NotFoundException("Order", orderId);
        if (expectedVersion is { } version && order.Version != version)
        {
            return Result.Failure(OrderErrors.Conflict);
        }

        if (order.CustomerId is not null || !await Candidates(db, order.ContactPhone).AnyAsync(u => u.Id == customerId, cancellationToken))
        {
            return Result.Failure(new Error("Order.CustomerLinkInvalid"));
        }

        order.CustomerId = customerId;
        order.Events.Add(OrderService.Event(orderId, OrderEventKind.CustomerLinked, customerId.ToString(), time.GetUtcNow()));
        return await orders.SaveChangeAsync(db, order, LiveEventKind.OrderChanged, cancellationToken, [customerId]);
    }

    private static IQueryable<ApplicationUser> Candidates(IMaxmontajDb db, string phone) =>
        db.Users.Where(u => u.PhoneNumber == phone && u.IsActive
            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Customer)));
}

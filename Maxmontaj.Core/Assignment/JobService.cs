using Maxmontaj.Core.Common;
using Maxmontaj.Core.Live;
using Maxmontaj.Core.Orders;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Assignment;

/// <summary>
/// The executor's and specialist's side of an assignment: take it or decline it, say they are on their way. What is allowed
/// when is <see cref="JobActions"/>, the same rule the job page shows.
/// </summary>
public sealed class JobService(IMaxmontajDbFactory dbFactory, ICurrentUser currentUser, TimeProvider time, OrderService orders)
{
    public const int MaxReason = 500;

    public async Task<Result> AcceptAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        var (db, order, mine) = await LoadAsync(orderId, cancellationToken);
        await using (db)
        {
            if (!JobActions.For(order, mine).CanAccept)
            {
                return Result.Failure(mine.AcceptedAt is not null ? OrderErrors.AlreadyAnswered : OrderErrors.TransitionForbidden);
            }

            mine.AcceptedAt = time.GetUtcNow();
            order.Events.Add(OrderService.Event(orderId, OrderEventKind.Accepted, null, mine.AcceptedAt.Value));
            return await orders.SaveChangeAsync(db, order, LiveEventKind.OrderAssigned, cancellationToken);
        }
    }

    /// <summary>Gives the job back with a reason: the person leaves the order and the board flags it for the dispatcher.</summary>
    public async Task<Result> DeclineAsync(Guid orderId, string reason, CancellationToken cancellationToken = default)
    {
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            return Result.Failure(OrderErrors.ReasonRequired);
        }

        if (reason.Length > MaxReason)
        {
            return Result.Failure(OrderErrors.TextTooLong("Reason"));
        }

        var (db, order, mine) = await LoadAsync(orderId, cancellationToken);
        await using (db)
        {
            if (!JobActions.For(order, mine).CanDecline)
            {
                return Result.Failure(mine.AcceptedAt is not null ? OrderErrors.AlreadyAnswered : OrderErrors.TransitionForbidden);
            }

            order.Assignments.Remove(mine);
            order.DeclineReason = reason;
            order.Events.Add(OrderService.Event(orderId, OrderEventKind.Declined, reason, time.GetUtcNow()));
            return await orders.SaveChangeAsync(db, order, LiveEventKind.OrderAssigned, cancellationToken, [mine.UserId]);
        }
    }

    public async Task<Result> OnTheWayAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        var (db, order, mine) = await LoadAsync(orderId, cancellationToken);
        await using (db)
        {
            if (!JobActions.For(order, mine).CanSayOnTheWay)
            {
                return Result.Failure(OrderErrors.TransitionForbidden);
            }

            var now = time.GetUtcNow();
            mine.AcceptedAt ??= now;
            mine.OnTheWayAt = now;
            order.Events.Add(OrderService.Event(orderId, OrderEventKind.OnTheWay, null, now));
            return await orders.SaveChangeAsync(db, order, LiveEventKind.OrderChanged, cancellationToken);
        }
    }

    private async Task<(IMaxmontajDb Db, Order Order, OrderAssignment Mine)> LoadAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId ?? throw new ForbiddenAccessException();
        var db = await dbFactory.CreateAsync(cancellationToken);
        try
        {
            var order = await OrderAccess.Visible(db, currentUser).Include(o => o.Assignments)
                .SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
            var mine = order?.Assignments.FirstOrDefault(a => a.UserId == me);
            return order is null || mine is null ? throw new NotFoundException("Order", orderId) : (db, order, mine);
        }
        catch
        {
            // The caller owns the context only once it is returned: a failed query or a missing order must not leak it.
            await db.DisposeAsync();
            throw;
        }
    }
}

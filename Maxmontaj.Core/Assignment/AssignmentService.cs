using Maxmontaj.Core.Common;
using Maxmontaj.Core.Live;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Assignment;

/// <summary>
/// Puts people on orders: only active people with the right role and the order's skill; a clash with another visit
/// of theirs needs the dispatcher's confirmation. Also ranks candidates with the reasons.
/// </summary>
public sealed class AssignmentService(
    IMaxmontajDbFactory dbFactory,
    ICurrentUser currentUser,
    TimeProvider time,
    CompanyCalendar calendar,
    OrderService orders)
{
    private static readonly OrderStatus[] Busy = [OrderStatus.New, OrderStatus.Scheduled, OrderStatus.InProgress, OrderStatus.Rework, OrderStatus.OnHold];

    /// <summary>
    /// Assigns <paramref name="userId"/> to the order. A lead replaces the current lead. Fails with
    /// <see cref="OrderErrors.OverlapNeedsConfirmation"/> when the person has another visit then, unless <paramref name="confirmOverlap"/>.
    /// </summary>
    public async Task<Result> AssignAsync(Guid orderId, Guid userId, AssignmentRole role, bool confirmOverlap = false,
        Guid? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        OrderAccess.RequireOffice(currentUser);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var order = await db.Orders.Include(o => o.Assignments).SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken)
            ?? throw new NotFoundException("Order", orderId);
        if (expectedVersion is { } version && order.Version != version)
        {
            return Result.Failure(OrderErrors.Conflict);
        }

        if (order.Status is OrderStatus.Closed or OrderStatus.Cancelled or OrderStatus.Completed)
        {
            return Result.Failure(OrderErrors.Closed);
        }

        if (order.Assignments.Any(a => a.UserId == userId && a.Role == role))
        {
            return Result.Failure(OrderErrors.AlreadyAssigned);
        }

        var requiredRole = role == AssignmentRole.Specialist ? Roles.Specialist : Roles.Executor;
        var person = await (from u in db.Users
                            where u.Id == userId && u.IsActive
                                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == requiredRole))
                            select new { u.Id, HasSkill = u.Skills.Any(s => s.WorkTypeId == order.WorkTypeId) })
            .SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return Result.Failure(OrderErrors.PersonNotAvailable);
        }

        if (!person.HasSkill)
        {
            return Result.Failure(OrderErrors.SkillMissing);
        }

        if (!confirmOverlap && order.ScheduledStart is { } start && order.ScheduledEnd is { } end
            && await OverlapsAsync(db, userId, orderId, start, end, cancellationToken))
        {
            return Result.Failure(OrderErrors.OverlapNeedsConfirmation);
        }

        var now = time.GetUtcNow();
        var replaced = new List<Guid>();
        foreach (var previous in order.Assignments.Where(a => a.UserId == userId || (role == AssignmentRole.Lead && a.Role == AssignmentRole.Lead)
                     || (role == AssignmentRole.Specialist && a.Role == AssignmentRole.Specialist)).ToList())
        {
            order.Assignments.Remove(previous);
            replaced.Add(previous.UserId);
            order.Events.Add(OrderService.Event(orderId, OrderEventKind.Unassigned, $"{previous.Role}:{previous.UserId}", now));
        }

        order.Assignments.Add(new OrderAssignment { OrderId = orderId, UserId = userId, Role = role, AssignedAt = now, OrderCreatedAt = order.CreatedAt });
        order.DeclineReason = null;
        var type = await db.WorkTypes.Where(w => w.Id == order.WorkTypeId).Select(w => w.Name).SingleAsync(cancellationToken);
        Notifications.Outbox.Enqueue(db, userId, "assignment", orderId,
            Notifications.NotificationTexts.Assigned(order.Number, type, order.Address.Text, Visit(order)), $"assigned:{orderId:N}:{userId:N}:{now.UtcTicks}", now);
        foreach (var gone in replaced.Where(r => r != userId))
        {
            Notifications.Outbox.Enqueue(db, gone, "assignment", orderId, Notifications.NotificationTexts.Unassigned(order.Number), $"unassigned:{orderId:N}:{gone:N}:{now.UtcTicks}", now);
        }
        order.Events.Add(OrderService.Event(orderId, OrderEventKind.Assigned, $"{role}:{userId}", now));
        await orders.ScheduleWhenReadyAsync(db, order, cancellationToken);
        return await orders.SaveChangeAsync(db, order, LiveEventKind.OrderAssigned, cancellationToken, replaced);
    }

    public async Task<Result> UnassignAsync(Guid orderId, Guid userId, CancellationToken cancellationToken = default)
    {
        OrderAccess.RequireOffice(currentUser);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var order = await db.Orders.Include(o => o.Assignments).SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken)
            ?? throw new NotFoundException("Order", orderId);
        var assignment = order.Assignments.FirstOrDefault(a => a.UserId == userId);
        if (assignment is null)
        {
            return Result.Failure(OrderErrors.NotAssigned);
        }

        order.Assignments.Remove(assignment);
        var at = time.GetUtcNow();
        order.Events.Add(OrderService.Event(orderId, OrderEventKind.Unassigned, $"{assignment.Role}:{userId}", at));
        Notifications.Outbox.Enqueue(db, userId, "assignment", orderId, Notifications.NotificationTexts.Unassigned(order.Number), $"unassigned:{orderId:N}:{userId:N}:{at.UtcTicks}", at);
        return await orders.SaveChangeAsync(db, order, LiveEventKind.OrderAssigned, cancellationToken, [userId]);
    }

    /// <summary>Active executors (or specialists) with the order's skill, best first: free at that time, then the lightest day.</summary>
    public async Task<IReadOnlyList<ExecutorSuggestion>> SuggestExecutorsAsync(Guid orderId, AssignmentRole role = AssignmentRole.Lead,
        CancellationToken cancellationToken = default)
    {
        OrderAccess.RequireOffice(currentUser);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken)
            ?? throw new NotFoundException("Order", orderId);
        var requiredRole = role == AssignmentRole.Specialist ? Roles.Specialist : Roles.Executor;
        var candidates = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && u.Skills.Any(s => s.WorkTypeId == order.WorkTypeId)
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == requiredRole)))
            .Select(u => new { u.Id, u.FullName })
            .ToListAsync(cancellationToken);
        var ids = candidates.Select(c => c.Id).ToList();

        var day = calendar.DayBounds(calendar.DateOf(order.ScheduledStart ?? time.GetUtcNow()));
        var busy = Busy.ToList();
        var sameDay = await db.OrderAssignments.AsNoTracking()
            .Where(a => ids.Contains(a.UserId))
            .Join(db.Orders, a => a.OrderId, o => o.Id, (a, o) => new { a.UserId, o.Id, o.Status, o.ScheduledStart, o.ScheduledEnd })
            .Where(x => x.Id != orderId && busy.Contains(x.Status) && x.ScheduledStart >= day.Start && x.ScheduledStart < day.End)
            .ToListAsync(cancellationToken);

        var ratings = await db.Reviews.AsNoTracking().Where(r => r.ExecutorId != null && ids.Contains(r.ExecutorId.Value))
            .GroupBy(r => r.ExecutorId!.Value).Select(g => new { Id = g.Key, Average = g.Average(r => (double)r.Rating) })
            .ToDictionaryAsync(r => r.Id, r => r.Average, cancellationToken);
        return candidates
            .Select(c =>
            {
                var jobs = sameDay.Where(j => j.UserId == c.Id).ToList();
                var free = order.ScheduledStart is not { } start || order.ScheduledEnd is not { } end
                    || !jobs.Any(j => j.ScheduledStart < end && j.ScheduledEnd > start);
                // Free time matters most, then a light day, then the customers' rating (someone without reviews counts as average).
                double? rating = ratings.TryGetValue(c.Id, out var r) ? r : null;
                var score = (free ? 100 : 0) - 10 * jobs.Count + (int)Math.Round(((rating ?? 3) - 3) * 4);
                return new ExecutorSuggestion(c.Id, c.FullName, true, free, jobs.Count, rating, score);
            })
            .OrderByDescending(s => s.Score).ThenBy(s => s.FullName)
            .ToList();
    }

    private string Visit(Order order) =>
        order.ScheduledStart is { } start ? calendar.ToLocal(start).ToString("dd.MM.yyyy HH:mm") : "время уточняется";

    private static async Task<bool> OverlapsAsync(IMaxmontajDb db, Guid userId, Guid orderId, DateTimeOffset start, DateTimeOffset end,
        CancellationToken cancellationToken)
    {
        var busy = Busy.ToList();
        return await db.Orders.AnyAsync(o => o.Id != orderId && busy.Contains(o.Status)
            && o.Assignments.Any(a => a.UserId == userId)
            && o.ScheduledStart < end && o.ScheduledEnd > start, cancellationToken);
    }
}

using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;

namespace Maxmontaj.Core.Assignment;

/// <summary>What a person on an order waits for when the job page has no button for them; the Web layer words it.</summary>
public enum JobWait
{
    /// <summary>Nothing: the page offers the next step.</summary>
    None,

    /// <summary>The order has no visit time yet; the dispatcher sets it.</summary>
    VisitTime,

    /// <summary>The visit time is set but the order is not scheduled yet (only a helper is on it, say).</summary>
    Scheduling,

    /// <summary>The lead (or the specialist) starts the work and writes the report.</summary>
    Lead,

    /// <summary>The dispatcher has put the order on hold.</summary>
    OnHold,

    /// <summary>The report is with the dispatcher.</summary>
    Review,
    Closed,
    Cancelled,
}

/// <summary>
/// The one rule of what a person on an order may do on their job page, per status: the page shows these and
/// <see cref="JobService"/> refuses anything else. Starting the work is a status change, so <see cref="CanStart"/> follows
/// <see cref="OrderTransitions"/> (which <see cref="OrderService"/> enforces); the page asks for the answer to the
/// assignment first.
/// </summary>
public sealed record JobActions(
    bool CanAccept,
    bool CanDecline,
    bool CanSayOnTheWay,
    bool CanStart,
    bool ShowsReport,
    bool CanSubmitReport,
    JobWait WaitingFor)
{
    private static readonly Func<string, bool> FieldStaff = role => role is Roles.Executor or Roles.Specialist;

    public static JobActions For(Order order, OrderAssignment mine) =>
        For(order.Status, mine.Role, mine.AcceptedAt is not null, mine.OnTheWayAt is not null, order.ScheduledStart is not null);

    public static JobActions For(OrderStatus status, AssignmentRole role, bool accepted, bool onTheWay, bool hasVisit)
    {
        // A new assignment is answered first: take it or give it back with a reason.
        var answering = !accepted && status is OrderStatus.New or OrderStatus.Scheduled;
        var leads = role != AssignmentRole.Helper;
        var visiting = !answering && status is OrderStatus.Scheduled or OrderStatus.Rework;
        var canStart = visiting && leads && OrderTransitions.IsAllowed(status, OrderStatus.InProgress, FieldStaff);
        var wait = answering ? JobWait.None : status switch
        {
            OrderStatus.New => hasVisit ? JobWait.Scheduling : JobWait.VisitTime,
            OrderStatus.Scheduled or OrderStatus.Rework when !leads && onTheWay => JobWait.Lead,
            OrderStatus.InProgress when !leads => JobWait.Lead,
            OrderStatus.OnHold => JobWait.OnHold,
            OrderStatus.Completed => JobWait.Review,
            OrderStatus.Closed => JobWait.Closed,
            OrderStatus.Cancelled => JobWait.Cancelled,
            _ => JobWait.None,
        };
        return new JobActions(
            CanAccept: answering,
            CanDecline: answering,
            CanSayOnTheWay: visiting && !onTheWay,
            CanStart: canStart,
            ShowsReport: status is OrderStatus.InProgress or OrderStatus.Rework or OrderStatus.Completed or OrderStatus.Closed,
            CanSubmitReport: leads && status == OrderStatus.InProgress,
            WaitingFor: wait);
    }
}

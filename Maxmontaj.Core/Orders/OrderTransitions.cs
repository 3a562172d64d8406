using Maxmontaj.Core.Users;

namespace Maxmontaj.Core.Orders;

/// <summary>
/// The one table of status changes: for each (from, to), the roles that may make it. Admins may do what dispatchers do.
/// Executors and specialists may only move orders they are on (checked by the services, not here).
/// </summary>
public static class OrderTransitions
{
    private static readonly string[] Office = [Roles.Admin, Roles.Dispatcher];
    private static readonly string[] Everyone = [Roles.Admin, Roles.Dispatcher, Roles.Executor, Roles.Specialist];

    public static IReadOnlyDictionary<(OrderStatus From, OrderStatus To), IReadOnlyList<string>> Table { get; } =
        new Dictionary<(OrderStatus, OrderStatus), IReadOnlyList<string>>
        {
            [(OrderStatus.New, OrderStatus.Scheduled)] = Office,
            [(OrderStatus.New, OrderStatus.OnHold)] = Office,
            [(OrderStatus.New, OrderStatus.Cancelled)] = Office,
            [(OrderStatus.Scheduled, OrderStatus.New)] = Office,
            [(OrderStatus.Scheduled, OrderStatus.InProgress)] = Everyone,
            [(OrderStatus.Scheduled, OrderStatus.OnHold)] = Office,
            [(OrderStatus.Scheduled, OrderStatus.Cancelled)] = Office,
            [(OrderStatus.InProgress, OrderStatus.Completed)] = Everyone,
            [(OrderStatus.InProgress, OrderStatus.OnHold)] = Office,
            [(OrderStatus.Completed, OrderStatus.Closed)] = Office,
            [(OrderStatus.Completed, OrderStatus.Rework)] = Office,
            [(OrderStatus.Rework, OrderStatus.Scheduled)] = Office,
            [(OrderStatus.Rework, OrderStatus.InProgress)] = Everyone,
            [(OrderStatus.Rework, OrderStatus.Cancelled)] = Office,
            [(OrderStatus.OnHold, OrderStatus.New)] = Office,
            [(OrderStatus.OnHold, OrderStatus.Scheduled)] = Office,
            [(OrderStatus.OnHold, OrderStatus.Cancelled)] = Office,
        };

    /// <summary>
    /// The moves that answer a submitted report. While the order's report waits for review they are made only by the review
    /// (<c>ReportService.AcceptAsync</c> and <c>ReturnAsync</c>), which moves the report along in the same save; a plain
    /// status change would leave the report submitted and the executor unable to fix it.
    /// </summary>
    public static IReadOnlySet<(OrderStatus From, OrderStatus To)> ReviewMoves { get; } =
        new HashSet<(OrderStatus, OrderStatus)> { (OrderStatus.Completed, OrderStatus.Closed), (OrderStatus.Completed, OrderStatus.Rework) };

    /// <summary>True when someone for whom <paramref name="isInRole"/> holds may move an order from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool IsAllowed(OrderStatus from, OrderStatus to, Func<string, bool> isInRole) =>
        Table.TryGetValue((from, to), out var roles) && roles.Any(isInRole);

    /// <summary>True when the move must go through the report review because the order's report is submitted.</summary>
    public static bool NeedsReview(OrderStatus from, OrderStatus to, bool reportSubmitted) =>
        reportSubmitted && ReviewMoves.Contains((from, to));

    /// <summary>The statuses a holder of the roles may move an order to from <paramref name="from"/> by a plain status change.</summary>
    public static IReadOnlyList<OrderStatus> Targets(OrderStatus from, Func<string, bool> isInRole, bool reportSubmitted = false) =>
        Table.Where(t => t.Key.From == from && t.Value.Any(isInRole) && !NeedsReview(from, t.Key.To, reportSubmitted))
            .Select(t => t.Key.To).ToList();

}

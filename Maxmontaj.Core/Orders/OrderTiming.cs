using Maxmontaj.Core.Common;

namespace Maxmontaj.Core.Orders;

/// <summary>
/// Time rules of an order that screens show: when a planned visit counts as overdue, and the visit defaults of the order
/// dialog (start time, length) that the server also applies. Screens display these; they never decide them.
/// </summary>
public static class OrderTiming
{
    /// <summary>A visit with no length given lasts two hours.</summary>
    public const int DefaultVisitMinutes = 120;

    /// <summary>A scheduled visit not started this long after its window opened is overdue.</summary>
    public static readonly TimeSpan OverdueAfter = TimeSpan.FromMinutes(30);

    /// <summary>A visit date picked without a time starts at 10:00 company time.</summary>
    public static TimeOnly DefaultVisitStart { get; } = new(10, 0);

    /// <summary>Scheduled, not started, and more than <see cref="OverdueAfter"/> past its start.</summary>
    public static bool IsOverdue(OrderStatus status, DateTimeOffset? scheduledStart, DateTimeOffset now) =>
        status == OrderStatus.Scheduled && scheduledStart is { } start && start + OverdueAfter < now;

    /// <inheritdoc cref="IsOverdue(OrderStatus, DateTimeOffset?, DateTimeOffset)"/>
    public static bool IsOverdue(OrderListItem order, TimeProvider time) => IsOverdue(order.Status, order.ScheduledStart, time.GetUtcNow());

    /// <summary>How many of <paramref name="orders"/> are overdue now (one clock read for the whole column).</summary>
    public static int CountOverdue(IEnumerable<OrderListItem> orders, TimeProvider time)
    {
        var now = time.GetUtcNow();
        return orders.Count(o => IsOverdue(o.Status, o.ScheduledStart, now));
    }

    /// <summary>The end of a visit starting at <paramref name="start"/> that lasts <paramref name="minutes"/> (default two hours).</summary>
    public static DateTimeOffset VisitEnd(DateTimeOffset start, int? minutes) => start.AddMinutes(minutes ?? DefaultVisitMinutes);

    /// <summary>A new order's fields as the dialog opens them.</summary>
    public static OrderEditModel NewOrder() => new() { EstimatedMinutes = DefaultVisitMinutes };

    /// <summary>
    /// Sets the visit of <paramref name="model"/> from a company-local date and time (default 10:00) and its length:
    /// no date, no visit.
    /// </summary>
    public static void Schedule(OrderEditModel model, DateOnly? date, TimeOnly? time, CompanyCalendar calendar)
    {
        model.ScheduledStart = date is { } day ? calendar.At(day, time ?? DefaultVisitStart) : null;
        model.ScheduledEnd = model.ScheduledStart is { } start ? VisitEnd(start, model.EstimatedMinutes) : null;
    }

    /// <summary>
    /// The company-local date and time of <paramref name="model"/>'s visit for the dialog (10:00 when there is none), and its
    /// length in minutes when only the end was stored.
    /// </summary>
    public static (DateOnly? Date, TimeOnly Time) LocalVisit(OrderEditModel model, CompanyCalendar calendar)
    {
        if (model.ScheduledStart is not { } start)
        {
            return (null, DefaultVisitStart);
        }

        model.EstimatedMinutes ??= model.ScheduledEnd is { } end ? (int)(end - start).TotalMinutes : null;
        var local = calendar.ToLocal(start);
        return (DateOnly.FromDateTime(local.DateTime), TimeOnly.FromDateTime(local.DateTime));
    }
}

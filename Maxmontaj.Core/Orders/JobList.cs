using Maxmontaj.Core.Common;

namespace Maxmontaj.Core.Orders;

/// <summary>Where a job stands in an executor's or specialist's list.</summary>
public enum JobGroup
{
    /// <summary>Planned for today or earlier and not done: the day's work.</summary>
    Today = 0,

    /// <summary>Planned for a later day.</summary>
    Upcoming = 1,

    /// <summary>No visit planned yet.</summary>
    Unscheduled = 2,
}

public sealed record JobGroupView(JobGroup Group, IReadOnlyList<OrderListItem> Jobs);

/// <summary>An executor's or specialist's job list: open jobs in groups, then finished ones.</summary>
public sealed record MyJobsView(IReadOnlyList<JobGroupView> Groups, IReadOnlyList<OrderListItem> History)
{
    public bool IsEmpty => Groups.Count == 0;
}

/// <summary>Which jobs a field worker's list shows and how it groups them; the page only displays the result.</summary>
public static class JobList
{
    /// <summary>Statuses that leave the list: finished (they go to the history) and cancelled (nothing to do).</summary>
    public static IReadOnlyList<OrderStatus> Hidden { get; } = [OrderStatus.Completed, OrderStatus.Closed, OrderStatus.Cancelled];

    public static bool IsListed(OrderStatus status) => !Hidden.Contains(status);

    public static JobGroup GroupOf(DateTimeOffset? scheduledStart, DateOnly today, CompanyCalendar calendar) =>
        scheduledStart is not { } start ? JobGroup.Unscheduled
        : calendar.DateOf(start) <= today ? JobGroup.Today
        : JobGroup.Upcoming;

    /// <summary>The listed jobs of <paramref name="jobs"/> in groups (today, upcoming, unscheduled), keeping their order.</summary>
    public static IReadOnlyList<JobGroupView> Group(IEnumerable<OrderListItem> jobs, DateOnly today, CompanyCalendar calendar) =>
        jobs.Where(j => IsListed(j.Status))
            .GroupBy(j => GroupOf(j.ScheduledStart, today, calendar))
            .OrderBy(g => g.Key)
            .Select(g => new JobGroupView(g.Key, g.ToList()))
            .ToList();
}

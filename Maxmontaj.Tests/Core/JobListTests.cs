using Maxmontaj.Core.Common;
using Maxmontaj.Core.Orders;

namespace Maxmontaj.Tests.Core;

/// <summary>Which jobs a field worker's list shows and in which group, on 28 November 2026 in Moscow.</summary>
public sealed class JobListTests
{
    private static readonly CompanyCalendar Moscow = CompanyCalendar.Moscow();
    private static readonly DateOnly Today = new(2026, 11, 28);

    private static OrderListItem Job(string number, OrderStatus status, DateTimeOffset? start) =>
        new(Guid.NewGuid(), number, status, OrderPriority.Normal, "Клиент", "+79101234567", "ул. Ленина, 1", 1, "Окна",
            start, start?.AddHours(2), null, null, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Jobs_group_into_today_upcoming_and_unscheduled_and_finished_or_cancelled_ones_leave_the_list()
    {
        var jobs = new[]
        {
            Job("yesterday-open", OrderStatus.Rework, new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero)),
            Job("today-late-evening", OrderStatus.Scheduled, new DateTimeOffset(2026, 11, 28, 20, 30, 0, TimeSpan.Zero)), // 23:30 Moscow
            Job("tomorrow-just-after-midnight", OrderStatus.Scheduled, new DateTimeOffset(2026, 11, 28, 21, 30, 0, TimeSpan.Zero)), // 00:30 Moscow
            Job("cancelled-tomorrow", OrderStatus.Cancelled, new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero)),
            Job("done-today", OrderStatus.Completed, new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero)),
            Job("closed-tomorrow", OrderStatus.Closed, new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero)),
            Job("no-visit", OrderStatus.New, null),
            Job("on-hold-next-week", OrderStatus.OnHold, new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero)),
        };

        var groups = JobList.Group(jobs, Today, Moscow);

        Assert.Equal(
            [
                (JobGroup.Today, "yesterday-open,today-late-evening"),
                (JobGroup.Upcoming, "tomorrow-just-after-midnight,on-hold-next-week"),
                (JobGroup.Unscheduled, "no-visit"),
            ],
            groups.Select(g => (g.Group, string.Join(",", g.Jobs.Select(j => j.Number)))));
    }

    [Fact]
    public void Nothing_open_gives_no_groups() =>
        Assert.Empty(JobList.Group([Job("cancelled", OrderStatus.Cancelled, null)], Today, Moscow));
}

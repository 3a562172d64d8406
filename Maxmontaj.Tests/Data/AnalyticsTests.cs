using Maxmontaj.Core.Analytics;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;

namespace Maxmontaj.Tests.Data;

/// <summary>
/// Every KPI on a hand-built set whose expected values are worked out by hand in the comments, not by the code under test.
/// Period: 1–7 November 2026; the previous period is 25–31 October.
/// </summary>
public abstract class AnalyticsTests : OrderTestBase
{
    private static readonly AnalyticsFilter Week = new(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 7));
    private Guid _e1;
    private Guid _e2;
    private Guid _s1;

    private AnalyticsService Analytics => Db.Get<AnalyticsService>();

    private async Task ArrangeAsync()
    {
        _e1 = await PersonAsync(Roles.Executor, "Евгений Первый", skills: WindowInstall);
        _e2 = await PersonAsync(Roles.Executor, "Эдуард Второй", skills: WindowInstall);
        _s1 = await PersonAsync(Roles.Specialist, "Семён Замерщик", skills: Measurement);
        await using var db = Db.NewContext();
        Order Make(string n, int type, OrderStatus status, int created, Guid? lead = null, AssignmentRole role = AssignmentRole.Lead)
        {
            var order = new Order
            {
                Id = Guid.NewGuid(), Number = $"2026-{n}", Year = 2026, Sequence = int.Parse(n), CustomerName = n, ContactPhone = "+79100000000",
                Address = new Address { Text = n }, WorkTypeId = type, Status = status, CreatedDay = created, Version = Guid.NewGuid(),
            };
            if (lead is { } person)
            {
                order.Assignments.Add(new OrderAssignment { OrderId = order.Id, UserId = person, Role = role });
            }

            db.Orders.Add(order);
            return order;
        }

        var a = Make("1", WindowInstall, OrderStatus.Closed, 20261101, _e1);
        (a.CompletedDay, a.ClosedDay, a.LeadTimeMinutes, a.OnSiteMinutes, a.EstimatedMinutes, a.StartedOnTime, a.MeasurementToInstallMinutes, a.FinalPrice) =
            (20261102, 20261103, 1440, 120, 120, true, 2880, 30000m);
        var b = Make("2", WindowInstall, OrderStatus.Closed, 20261102, _e1);
        (b.CompletedDay, b.ClosedDay, b.LeadTimeMinutes, b.OnSiteMinutes, b.EstimatedMinutes, b.StartedOnTime, b.ReworkCount, b.HadCallback, b.FinalPrice) =
            (20261104, 20261105, 2880, 180, 120, false, 1, true, 20000m);
        var c = Make("3", Measurement, OrderStatus.Completed, 20261103, _s1, AssignmentRole.Specialist);
        (c.CompletedDay, c.LeadTimeMinutes, c.OnSiteMinutes, c.EstimatedMinutes, c.StartedOnTime) = (20261103, 600, 60, 60, true);
        var d = Make("4", WindowInstall, OrderStatus.Cancelled, 20261104);
        d.CancelledDay = 20261105;
        Make("5", WindowInstall, OrderStatus.New, 20261105);
        var f = Make("6", WindowInstall, OrderStatus.Closed, 20261028, _e2);
        (f.CompletedDay, f.ClosedDay, f.LeadTimeMinutes, f.OnSiteMinutes, f.EstimatedMinutes, f.StartedOnTime, f.FinalPrice) =
            (20261030, 20261031, 3000, 100, 90, true, 10000m);
        Make("7", WindowInstall, OrderStatus.New, 20261110);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Every_kpi_of_the_period_and_of_the_previous_one_matches_the_hand_computed_values()
    {
        await ArrangeAsync();
        Db.CurrentUser.As(Guid.NewGuid(), Roles.Admin);
        Assert.Null((await Analytics.DashboardAsync(Week)).Value!.Current.CallbackRate); // 28.11: B's 30 days are not over
        Db.Time.SetUtcNow(new DateTimeOffset(2026, 12, 9, 9, 0, 0, TimeSpan.Zero));      // 9.12: every completion up to 8.11 is final

        var dashboard = (await Analytics.DashboardAsync(Week)).Value!;

        var now = dashboard.Current;
        Assert.Equal((5, 3, 1), (now.Created, now.Completed, now.Cancelled));       // A B C D E created; A B C done; D cancelled
        Assert.Equal(50000m, now.Revenue);                                          // A 30 000 + B 20 000 closed in the week
        Assert.Equal(27.333, now.AverageLeadTimeHours!.Value, 3);                   // (24 h + 48 h + 10 h) / 3
        Assert.Equal(2.0 / 3, now.OnTimeRate!.Value, 6);                            // A and C on time of A B C
        Assert.Equal(0.5, now.FirstTimeFixRate!.Value, 6);                          // of closed A B, only A without rework
        Assert.Equal(1.0 / 3, now.CallbackRate!.Value, 6);                          // B of A B C had a callback
        Assert.Equal(2.0, now.MeasurementToInstallDays!.Value, 6);                  // A: 2 880 minutes
        Assert.Null(now.AverageRating);                                             // no reviews yet
        var before = dashboard.Previous;
        Assert.Equal((1, 1, 0, 10000m), (before.Created, before.Completed, before.Cancelled, before.Revenue)); // F
        Assert.Equal((50.0, 1.0, 1.0, 0.0), (before.AverageLeadTimeHours!.Value, before.OnTimeRate!.Value, before.FirstTimeFixRate!.Value, before.CallbackRate!.Value));
        Assert.Null(before.MeasurementToInstallDays);
    }

    [Fact]
    public async Task The_charts_count_by_day_status_work_type_and_lead_time()
    {
        await ArrangeAsync();
        Db.CurrentUser.As(Guid.NewGuid(), Roles.Dispatcher);

        var dashboard = (await Analytics.DashboardAsync(Week)).Value!;

        Assert.Equal([1, 1, 1, 1, 1, 0, 0], dashboard.PerDay.Select(d => d.Created));
        Assert.Equal([0, 1, 1, 1, 0, 0, 0], dashboard.PerDay.Select(d => d.Completed));
        Assert.Equal(new DateOnly(2026, 11, 7), dashboard.PerDay[^1].Day);
        Assert.Equal([(OrderStatus.New, 1), (OrderStatus.Completed, 1), (OrderStatus.Closed, 2), (OrderStatus.Cancelled, 1)],
            dashboard.ByStatus.Select(s => (s.Status, s.Count)));
        Assert.Equal([("Установка окон", 4), ("Замер", 1)], dashboard.ByWorkType.Select(w => (w.WorkType, w.Count)));
        Assert.Equal([1, 2, 0, 0, 0], dashboard.LeadTimes.Select(l => l.Count));  // C under a day; A and B 1–3 days
        Assert.Null(dashboard.Current.Revenue);                                     // dispatchers see no money
    }

    [Fact]
    public async Task Filters_by_work_type_and_person_narrow_every_figure()
    {
        await ArrangeAsync();
        Db.CurrentUser.As(Guid.NewGuid(), Roles.Admin);

        var measurements = (await Analytics.DashboardAsync(Week with { WorkTypeId = Measurement })).Value!.Current;
        var firstFitter = (await Analytics.DashboardAsync(Week with { PersonId = _e1 })).Value!.Current;

        Assert.Equal((1, 1, 10.0, 0m), (measurements.Created, measurements.Completed, measurements.AverageLeadTimeHours!.Value, measurements.Revenue));
        Assert.Null(measurements.FirstTimeFixRate);                                 // nothing closed
        Assert.Equal((2, 2, 50000m, 0.5), (firstFitter.Created, firstFitter.Completed, firstFitter.Revenue, firstFitter.OnTimeRate!.Value));
    }

    [Fact]
    public async Task The_staff_report_sums_each_persons_completed_jobs()
    {
        await ArrangeAsync();
        Db.CurrentUser.As(Guid.NewGuid(), Roles.Admin);

        var rows = (await Analytics.StaffReportAsync(Week)).Value!;

        Assert.Equal([_e1, _s1], rows.Select(r => r.UserId));                       // E2 finished nothing this week
        var e1 = rows[0];
        Assert.Equal(("Евгений Первый", Roles.Executor, 2, 5.0, 150.0, 120.0, 0.5, 1, 50000m),
            (e1.FullName, e1.Role, e1.JobsCompleted, e1.HoursOnSite, e1.AverageMinutes!.Value, e1.AverageEstimateMinutes!.Value, e1.OnTimeRate!.Value, e1.ReworkCount, e1.Revenue));
        var s1 = rows[1];
        Assert.Equal((1, 1.0, 60.0, 1.0, 0, 0m), (s1.JobsCompleted, s1.HoursOnSite, s1.AverageMinutes!.Value, s1.OnTimeRate!.Value, s1.ReworkCount, s1.Revenue));
        Db.CurrentUser.As(Guid.NewGuid(), Roles.Dispatcher);
        Assert.All((await Analytics.StaffReportAsync(Week)).Value!, r => Assert.Null(r.Revenue));
    }

    [Fact]
    public async Task Bad_ranges_are_refused_and_an_empty_period_is_empty_not_an_error()
    {
        await ArrangeAsync();
        Db.CurrentUser.As(Guid.NewGuid(), Roles.Admin);

        var reversed = await Analytics.DashboardAsync(new AnalyticsFilter(new DateOnly(2026, 11, 7), new DateOnly(2026, 11, 1)));
        var tooLong = await Analytics.DashboardAsync(new AnalyticsFilter(new DateOnly(2022, 1, 1), new DateOnly(2026, 1, 1)));
        var empty = await Analytics.DashboardAsync(new AnalyticsFilter(new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31)));

        Assert.Equal([AnalyticsService.EndBeforeStart], reversed.Errors);
        Assert.Equal([AnalyticsService.TooLong], tooLong.Errors);
        Assert.True(empty.Value!.IsEmpty);
        Assert.Equal(31, empty.Value.PerDay.Count);
        Assert.Null(empty.Value.Current.AverageLeadTimeHours);
    }

    [Fact]
    public async Task Field_staff_and_customers_have_no_analytics()
    {
        Db.CurrentUser.As(Guid.NewGuid(), Roles.Executor);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Analytics.DashboardAsync(Week));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Analytics.StaffReportAsync(Week));
    }
}

[Trait("Category", "Sqlite")]
public sealed class AnalyticsTests_Sqlite : AnalyticsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class AnalyticsTests_MariaDb : AnalyticsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

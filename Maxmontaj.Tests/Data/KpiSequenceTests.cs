using Maxmontaj.Core.Analytics;
using Maxmontaj.Core.Assignment;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Reports;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Maxmontaj.Tests.Data;

/// <summary>
/// The KPIs of docs/analytics.md on sequences of real status changes: the dispatcher creates, assigns and schedules, the
/// executor accepts, starts and submits the report, the dispatcher returns, accepts or cancels. Nothing is seeded.
/// The clock starts on Saturday 28 November 2026, 09:00 UTC (12:00 in Moscow, the company's time); every order is created
/// then. The visit of <see cref="OrderTestBase.Tomorrow"/>(10) is 29 November 10:00–12:00 Moscow = 07:00–09:00 UTC.
/// "Week" is Monday 23 – Sunday 29 November; "next week" is 30 November – 6 December.
/// </summary>
public abstract class KpiSequenceTests : OrderTestBase
{
    private const int FoamItem = 1;      // needs a photo
    private const int SashItem = 2;

    private static readonly AnalyticsFilter Week = new(new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 29));
    private static readonly AnalyticsFilter NextWeek = new(new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 6));

    private Guid _fitter;

    private JobService Jobs => Db.Get<JobService>();
    private ReportService Reports => Db.Get<ReportService>();
    private AnalyticsService Analytics => Db.Get<AnalyticsService>();

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>The dispatcher creates an order with tomorrow's 10:00 visit and assigns the fitter, who accepts it.</summary>
    private async Task<Guid> AcceptedJobAsync(string address = "ул. Ленина, 1")
    {
        if (_fitter == Guid.Empty)
        {
            _fitter = await PersonAsync(Roles.Executor, "Иван Монтажник", skills: WindowInstall);
        }

        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder(start: Tomorrow(10), address: address));
        Assert.True((await Assignment.AssignAsync(id, _fitter, AssignmentRole.Lead, confirmOverlap: true)).Succeeded);
        if ((await Orders.GetAsync(id)).Status == OrderStatus.New)
        {
            Assert.True((await Orders.ChangeStatusAsync(id, OrderStatus.Scheduled)).Succeeded);
        }

        AsFitter();
        Assert.True((await Jobs.AcceptAsync(id)).Succeeded);
        return id;
    }

    private void AsFitter() => As(_fitter, Roles.Executor);

    private async Task StartAtAsync(Guid id, DateTimeOffset at)
    {
        Db.Time.SetUtcNow(at);
        AsFitter();
        var started = await Orders.ChangeStatusAsync(id, OrderStatus.InProgress);
        Assert.True(started.Succeeded, string.Join(",", started.Errors.Select(e => e.Code)));
    }

    /// <summary>The fitter fills the report (first time: checklist and the foam photo) and submits it: the order is completed.</summary>
    private async Task SubmitAtAsync(Guid id, DateTimeOffset at, bool firstTime = true)
    {
        Db.Time.SetUtcNow(at);
        AsFitter();
        if (firstTime)
        {
            Assert.True((await Reports.SaveDraftAsync(id, new ReportDraft { WorkDone = "Готово", CheckedItems = [FoamItem, SashItem] })).Succeeded);
            Assert.True((await Reports.AddPhotoAsync(id, TestImages.Jpeg(), "foam.jpg", FoamItem)).Succeeded);
        }

        var submitted = await Reports.SubmitAsync(id);
        Assert.True(submitted.Succeeded, string.Join(",", submitted.Errors.Select(e => e.Code)));
    }

    private async Task AcceptReportAsync(Guid id)
    {
        AsDispatcher();
        Assert.True((await Reports.AcceptAsync(id)).Succeeded);
    }

    private async Task ReturnReportAsync(Guid id)
    {
        AsDispatcher();
        Assert.True((await Reports.ReturnAsync(id, "Нет фото откосов")).Succeeded);
    }

    private async Task<AnalyticsDashboard> DashboardAsync(AnalyticsFilter filter)
    {
        AsDispatcher();
        return (await Analytics.DashboardAsync(filter)).Value!;
    }

    private async Task<StaffReportRow> FitterRowAsync(AnalyticsFilter filter)
    {
        AsDispatcher();
        return Assert.Single((await Analytics.StaffReportAsync(filter)).Value!, r => r.UserId == _fitter);
    }

    [Fact]
    public async Task Plain_jobs_count_on_time_against_the_window_start_and_leave_unscheduled_ones_out()
    {
        var a = await AcceptedJobAsync();
        var b = await AcceptedJobAsync();
        var c = await AcceptedJobAsync();
        AsDispatcher();
        var details = await Orders.GetAsync(c);
        var fields = details.Fields;
        (fields.ScheduledStart, fields.ScheduledEnd) = (null, null);                 // the visit time becomes "to be agreed"
        Assert.True((await Orders.UpdateAsync(c, fields, details.Version)).Succeeded);

        await StartAtAsync(a, Utc(11, 29, 7, 10));                                   // 10 min after the window's start: on time
        await StartAtAsync(b, Utc(11, 29, 7, 40));                                   // 40 min after: late, though inside the window
        await StartAtAsync(c, Utc(11, 29, 7, 40));                                   // no window: neither on time nor late
        foreach (var id in new[] { a, b, c })
        {
            await SubmitAtAsync(id, Utc(11, 29, 9, 10));
            await AcceptReportAsync(id);
        }

        var now = (await DashboardAsync(Week)).Current;
        Assert.Equal((3, 3, 0), (now.Created, now.Completed, now.Cancelled));
        Assert.Equal(0.5, now.OnTimeRate!.Value, 6);                                 // A of A and B; C is not in the denominator
        Assert.Equal(24 + 10 / 60.0, now.AverageLeadTimeHours!.Value, 3);            // 28.11 09:00 → 29.11 09:10 = 24 h 10 min each
        Assert.Equal(1.0, now.FirstTimeFixRate!.Value, 6);                           // 3 closed, none reworked
        Assert.Null(now.CallbackRate);                                               // completed today: their 30 days are not over
        var fitter = await FitterRowAsync(Week);
        Assert.Equal((3, 5.0, 0.5), (fitter.JobsCompleted, fitter.HoursOnSite, fitter.OnTimeRate!.Value)); // (120 + 90 + 90) / 60 h
    }

    [Fact]
    public async Task Rework_removes_the_completion_and_a_restart_keeps_the_first_visits_facts()
    {
        var id = await AcceptedJobAsync();
        await StartAtAsync(id, Utc(11, 29, 7));                                      // at the window's start: on time
        await SubmitAtAsync(id, Utc(11, 29, 8));                                     // first visit: 60 min
        await ReturnReportAsync(id);

        var returned = (await DashboardAsync(Week)).Current;
        Assert.Equal((1, 0, 0), (returned.Created, returned.Completed, returned.Cancelled)); // returned: not completed
        Assert.Null(returned.AverageLeadTimeHours);
        Assert.Null(returned.OnTimeRate);                                            // on time is over completed orders: none

        await StartAtAsync(id, Utc(11, 30, 12));                                     // the return visit, a day after the window
        await SubmitAtAsync(id, Utc(11, 30, 12, 30), firstTime: false);              // second visit: 30 min
        await AcceptReportAsync(id);

        Assert.Equal(0, (await DashboardAsync(Week)).Current.Completed);             // it is completed in the day it was finally completed
        var dashboard = await DashboardAsync(NextWeek);
        var next = dashboard.Current;
        Assert.Equal((0, 1, 0), (next.Created, next.Completed, next.Cancelled));
        Assert.Equal(51.5, next.AverageLeadTimeHours!.Value, 3);                     // 28.11 09:00 → 30.11 12:30 = 48 h + 3 h 30 min
        Assert.Equal(1.0, next.OnTimeRate!.Value, 6);                                // the first start counts, not the restart
        Assert.Equal(0.0, next.FirstTimeFixRate!.Value, 6);                          // closed after one rework
        Assert.Equal([1, 0, 0, 0, 0, 0, 0], dashboard.PerDay.Select(d => d.Completed));
        var fitter = await FitterRowAsync(NextWeek);
        Assert.Equal((1, 1.5, 90.0, 1, 1.0), (fitter.JobsCompleted, fitter.HoursOnSite, fitter.AverageMinutes!.Value, fitter.ReworkCount, fitter.OnTimeRate!.Value)); // 60 + 30 min on site
    }

    [Fact]
    public async Task A_hold_splits_the_visit_on_site_time_sums_both_parts_and_the_first_start_stays()
    {
        var id = await AcceptedJobAsync();
        await StartAtAsync(id, Utc(11, 29, 7, 5));                                   // 5 min after the window's start: on time
        Db.Time.SetUtcNow(Utc(11, 29, 7, 35));                                       // first part: 30 min
        AsDispatcher();
        Assert.True((await Orders.ChangeStatusAsync(id, OrderStatus.OnHold)).Succeeded);
        Assert.True((await Orders.ChangeStatusAsync(id, OrderStatus.Scheduled)).Succeeded);
        await StartAtAsync(id, Utc(11, 30, 8));                                      // back the next day
        await SubmitAtAsync(id, Utc(11, 30, 9));                                     // second part: 60 min
        await AcceptReportAsync(id);

        var next = (await DashboardAsync(NextWeek)).Current;
        Assert.Equal((1, 48.0, 1.0, 1.0), (next.Completed, next.AverageLeadTimeHours!.Value, next.OnTimeRate!.Value, next.FirstTimeFixRate!.Value)); // 28.11 09:00 → 30.11 09:00
        var fitter = await FitterRowAsync(NextWeek);
        Assert.Equal((1, 1.5, 90.0), (fitter.JobsCompleted, fitter.HoursOnSite, fitter.AverageMinutes!.Value)); // 30 + 60 min
    }

    [Fact]
    public async Task An_order_cancelled_after_rework_counts_only_as_cancelled()
    {
        var id = await AcceptedJobAsync();
        await StartAtAsync(id, Utc(11, 29, 7));
        await SubmitAtAsync(id, Utc(11, 29, 8));
        await ReturnReportAsync(id);
        Db.Time.SetUtcNow(Utc(11, 29, 9));
        Assert.True((await Orders.ChangeStatusAsync(id, OrderStatus.Cancelled)).Succeeded);

        var dashboard = await DashboardAsync(Week);
        var now = dashboard.Current;
        Assert.Equal((1, 0, 1), (now.Created, now.Completed, now.Cancelled));
        Assert.Null(now.AverageLeadTimeHours);                                       // no completion stands (the old facts said 23 h)
        Assert.Null(now.FirstTimeFixRate);                                           // nothing closed
        Assert.All(dashboard.PerDay, d => Assert.Equal(0, d.Completed));
        Assert.DoesNotContain(dashboard.LeadTimes, l => l.Count > 0);
    }

    [Fact]
    public async Task A_callback_after_the_period_counts_for_it_once_the_30_days_are_over_and_never_looks_better_before()
    {
        var p = await AcceptedJobAsync("ул. Ленина, 1");
        var q = await AcceptedJobAsync("ул. Мира, 2");
        await StartAtAsync(p, Utc(11, 29, 7));
        await StartAtAsync(q, Utc(11, 29, 7));
        foreach (var id in new[] { p, q })
        {
            await SubmitAtAsync(id, Utc(11, 29, 8));                                 // both completed on 29.11
            await AcceptReportAsync(id);
        }

        Assert.Null((await DashboardAsync(Week)).Current.CallbackRate);              // 29.11: the window runs to 29.12

        Db.Time.SetUtcNow(Utc(12, 9, 9));
        AsDispatcher();
        await CreateOrderAsync(NewOrder(start: Tomorrow(10), address: "ул. Ленина, 1"));  // P's customer calls again on 9.12
        Assert.Null((await DashboardAsync(Week)).Current.CallbackRate);              // still open: Q could get one until 29.12

        Db.Time.SetUtcNow(Utc(12, 29, 9));
        Assert.Null((await DashboardAsync(Week)).Current.CallbackRate);              // 29.12 is the last day of the window

        Db.Time.SetUtcNow(Utc(12, 30, 9));
        var final = (await DashboardAsync(Week)).Current;
        Assert.Equal(0.5, final.CallbackRate!.Value, 6);                             // P of P and Q, final from 30.12
        Assert.Equal(2, final.Completed);
    }

    [Fact]
    public async Task The_KpiFacts_migration_rewrites_the_facts_the_old_rules_wrote()
    {
        var reworked = await AcceptedJobAsync();
        var late = await AcceptedJobAsync();
        var unscheduled = await AcceptedJobAsync();
        var restarted = await AcceptedJobAsync();
        AsDispatcher();
        var details = await Orders.GetAsync(unscheduled);
        var fields = details.Fields;
        (fields.ScheduledStart, fields.ScheduledEnd) = (null, null);
        Assert.True((await Orders.UpdateAsync(unscheduled, fields, details.Version)).Succeeded);
        await StartAtAsync(reworked, Utc(11, 29, 7));
        await StartAtAsync(restarted, Utc(11, 29, 7));
        await StartAtAsync(late, Utc(11, 29, 7, 40));
        await StartAtAsync(unscheduled, Utc(11, 29, 7, 40));
        await SubmitAtAsync(reworked, Utc(11, 29, 8));
        await SubmitAtAsync(restarted, Utc(11, 29, 8));
        await ReturnReportAsync(reworked);
        await ReturnReportAsync(restarted);
        await StartAtAsync(restarted, Utc(11, 30, 12));
        await using (var db = Db.NewContext())
        {
            // What the old rules left in these rows.
            var orders = await db.Orders.Where(o => o.Id == reworked || o.Id == late || o.Id == unscheduled || o.Id == restarted).ToDictionaryAsync(o => o.Id);
            (orders[reworked].CompletedAt, orders[reworked].CompletedDay, orders[reworked].LeadTimeMinutes) = (Utc(11, 29, 8), 20261129, 23 * 60);
            orders[late].StartedOnTime = true;                                       // 07:40 is before the window's end (09:00)
            orders[unscheduled].StartedOnTime = true;                                // no window counted as on time
            orders[restarted].StartedOnTime = false;                                 // the restart, a day after the window, overwrote it
            await db.SaveChangesAsync();
        }

        await MigrateAsync("Messaging");                                             // down: KpiFacts removed
        await MigrateAsync(null);                                                    // up again: the backfill runs

        await using var after = Db.NewContext();
        var facts = await after.Orders.AsNoTracking().ToDictionaryAsync(o => o.Id);
        Assert.Equal((null, null, null, 1), (facts[reworked].CompletedAt, facts[reworked].CompletedDay, facts[reworked].LeadTimeMinutes, facts[reworked].ReworkCount));
        Assert.Equal((Utc(11, 29, 7, 40), false), (facts[late].FirstStartedAt, facts[late].StartedOnTime));
        Assert.Equal((Utc(11, 29, 7, 40), null), (facts[unscheduled].FirstStartedAt, facts[unscheduled].StartedOnTime));
        Assert.Equal((Utc(11, 29, 7), true), (facts[restarted].FirstStartedAt, facts[restarted].StartedOnTime)); // from the timeline's first start
    }

    private async Task MigrateAsync(string? target)
    {
        await using var db = Db.NewContext();
        await db.GetService<IMigrator>().MigrateAsync(target);
    }
}

[Trait("Category", "Sqlite")]
public sealed class KpiSequenceTests_Sqlite : KpiSequenceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class KpiSequenceTests_MariaDb : KpiSequenceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

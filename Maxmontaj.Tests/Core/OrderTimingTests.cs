using Maxmontaj.Core.Common;
using Maxmontaj.Core.Orders;

namespace Maxmontaj.Tests.Core;

/// <summary>The overdue rule and the visit defaults, written out by hand (Moscow, UTC+3).</summary>
public sealed class OrderTimingTests
{
    private static readonly CompanyCalendar Moscow = CompanyCalendar.Moscow();
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 7, 0, 0, TimeSpan.Zero); // 10:00 in Moscow

    [Theory]
    [InlineData(OrderStatus.Scheduled, 29, false)]
    [InlineData(OrderStatus.Scheduled, 30, false)]
    [InlineData(OrderStatus.Scheduled, 31, true)]
    [InlineData(OrderStatus.New, 120, false)]
    [InlineData(OrderStatus.InProgress, 120, false)]
    [InlineData(OrderStatus.OnHold, 120, false)]
    public void A_scheduled_visit_is_overdue_more_than_half_an_hour_after_its_start(OrderStatus status, int minutesLater, bool overdue) =>
        Assert.Equal(overdue, OrderTiming.IsOverdue(status, Start, Start.AddMinutes(minutesLater)));

    [Fact]
    public void A_visit_without_a_start_is_never_overdue() =>
        Assert.False(OrderTiming.IsOverdue(OrderStatus.Scheduled, null, Start.AddDays(3)));

    [Fact]
    public void A_date_without_a_time_starts_at_ten_company_time_and_lasts_two_hours()
    {
        var model = OrderTiming.NewOrder();

        OrderTiming.Schedule(model, new DateOnly(2026, 11, 28), null, Moscow);

        Assert.Equal(120, model.EstimatedMinutes);
        Assert.Equal(Start, model.ScheduledStart);
        Assert.Equal(Start.AddHours(2), model.ScheduledEnd);
    }

    [Fact]
    public void The_visit_length_given_sets_the_end_and_no_date_clears_the_visit()
    {
        var model = new OrderEditModel { EstimatedMinutes = 45 };

        OrderTiming.Schedule(model, new DateOnly(2026, 11, 28), new TimeOnly(15, 30), Moscow);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 12, 30, 0, TimeSpan.Zero), model.ScheduledStart);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 13, 15, 0, TimeSpan.Zero), model.ScheduledEnd);

        OrderTiming.Schedule(model, null, new TimeOnly(15, 30), Moscow);
        Assert.Null(model.ScheduledStart);
        Assert.Null(model.ScheduledEnd);
    }

    [Fact]
    public void A_stored_visit_opens_in_company_time_with_its_length()
    {
        var model = new OrderEditModel { ScheduledStart = Start.AddHours(5), ScheduledEnd = Start.AddHours(6).AddMinutes(30) };

        var (date, time) = OrderTiming.LocalVisit(model, Moscow);

        Assert.Equal(new DateOnly(2026, 11, 28), date);
        Assert.Equal(new TimeOnly(15, 0), time);
        Assert.Equal(90, model.EstimatedMinutes);
    }

    [Fact]
    public void No_stored_visit_opens_at_the_default_time() =>
        Assert.Equal((null, new TimeOnly(10, 0)), OrderTiming.LocalVisit(new OrderEditModel(), Moscow));
}

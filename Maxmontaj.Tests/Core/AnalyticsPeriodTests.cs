using Maxmontaj.Core.Analytics;
using Maxmontaj.Core.Common;
using Microsoft.Extensions.Time.Testing;

namespace Maxmontaj.Tests.Core;

/// <summary>Period arithmetic on Thursday 13 August 2026 (third quarter), by hand.</summary>
public sealed class AnalyticsPeriodTests
{
    private static readonly DateOnly Thursday = new(2026, 8, 13);

    [Theory]
    [InlineData(PeriodPreset.Today, "2026-08-13", "2026-08-13", "2026-08-12", "2026-08-12")]
    [InlineData(PeriodPreset.Week, "2026-08-10", "2026-08-13", "2026-08-06", "2026-08-09")]
    [InlineData(PeriodPreset.Month, "2026-08-01", "2026-08-13", "2026-07-19", "2026-07-31")]
    [InlineData(PeriodPreset.Quarter, "2026-07-01", "2026-08-13", "2026-05-18", "2026-06-30")]
    public void Presets_count_to_today_and_the_previous_period_has_the_same_length_just_before(PeriodPreset preset,
        string from, string to, string previousFrom, string previousTo)
    {
        var period = AnalyticsPeriod.Of(preset, Thursday);

        Assert.Equal(new AnalyticsPeriod(DateOnly.Parse(from), DateOnly.Parse(to)), period);
        Assert.Equal(new AnalyticsPeriod(DateOnly.Parse(previousFrom), DateOnly.Parse(previousTo)), period.Previous());
        Assert.Equal(period.Days, period.Previous().Days);
    }

    [Fact]
    public void A_week_starting_on_sunday_counts_from_the_monday_before() =>
        Assert.Equal(new AnalyticsPeriod(new DateOnly(2026, 8, 10), new DateOnly(2026, 8, 16)),
            AnalyticsPeriod.Of(PeriodPreset.Week, new DateOnly(2026, 8, 16)));

    [Fact]
    public void A_custom_range_is_taken_as_given_and_open_ends_fall_back_to_the_month_and_today()
    {
        Assert.Equal(new AnalyticsPeriod(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30)),
            AnalyticsPeriod.Of(PeriodPreset.Custom, Thursday, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30)));
        Assert.Equal(new AnalyticsPeriod(new DateOnly(2026, 8, 1), Thursday), AnalyticsPeriod.Of(PeriodPreset.Custom, Thursday));
    }

    [Fact]
    public void Today_is_the_company_date_not_the_utc_date()
    {
        // 22:30 UTC on 31 July is already 1 August in Moscow: the month is August, a single day.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 7, 31, 22, 30, 0, TimeSpan.Zero));

        var period = AnalyticsPeriod.Of(PeriodPreset.Month, time, CompanyCalendar.Moscow());

        Assert.Equal(new AnalyticsPeriod(new DateOnly(2026, 8, 1), new DateOnly(2026, 8, 1)), period);
        Assert.Equal(new Maxmontaj.Core.Analytics.AnalyticsFilter(period.From, period.To, 3, null), period.Filter(3, null));
    }
}

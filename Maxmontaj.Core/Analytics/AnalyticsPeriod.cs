using Maxmontaj.Core.Common;

namespace Maxmontaj.Core.Analytics;

/// <summary>The periods the analytics page offers.</summary>
public enum PeriodPreset
{
    Today,
    Week,
    Month,
    Quarter,
    Custom,
}

/// <summary>
/// A period of company-local days, both ends included: the presets count to today (the week from Monday, the month and the
/// quarter from their first day), a custom range is taken as given, and the previous period is the one of the same length
/// just before. Today comes from <see cref="TimeProvider"/> in the company's time zone.
/// </summary>
public sealed record AnalyticsPeriod(DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The period of the same length just before this one, for the change figures.</summary>
    public AnalyticsPeriod Previous() => new(From.AddDays(-Days), From.AddDays(-1));

    /// <summary>The period of <paramref name="preset"/> on <paramref name="today"/>; Custom uses the range (open ends: the month's start, today).</summary>
    public static AnalyticsPeriod Of(PeriodPreset preset, DateOnly today, DateOnly? customFrom = null, DateOnly? customTo = null)
    {
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var period = preset switch
        {
            PeriodPreset.Today => new AnalyticsPeriod(today, today),
            PeriodPreset.Week => new AnalyticsPeriod(today.AddDays(-(((int)today.DayOfWeek + 6) % 7)), today),
            PeriodPreset.Quarter => new AnalyticsPeriod(new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1), today),
            PeriodPreset.Custom => new AnalyticsPeriod(customFrom ?? monthStart, customTo ?? today),
            _ => new AnalyticsPeriod(monthStart, today),
        };
        return period.To < period.From ? period with { To = period.From } : period;
    }

    /// <inheritdoc cref="Of(PeriodPreset, DateOnly, DateOnly?, DateOnly?)"/>
    public static AnalyticsPeriod Of(PeriodPreset preset, TimeProvider time, CompanyCalendar calendar, DateOnly? customFrom = null, DateOnly? customTo = null) =>
        Of(preset, calendar.Today(time), customFrom, customTo);

    /// <summary>The filter for this period with the page's other choices.</summary>
    public AnalyticsFilter Filter(int? workTypeId, Guid? personId) => new(From, To, workTypeId, personId);
}

using Maxmontaj.Core.Orders;

namespace Maxmontaj.Core.Analytics;

/// <summary>What to analyse: company-local days from <see cref="From"/> to <see cref="To"/>, both included.</summary>
public sealed record AnalyticsFilter(DateOnly From, DateOnly To, int? WorkTypeId = null, Guid? PersonId = null)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The period of the same length just before this one, for the change figures (<see cref="AnalyticsPeriod.Previous"/>).</summary>
    public AnalyticsFilter Previous()
    {
        var previous = new AnalyticsPeriod(From, To).Previous();
        return this with { From = previous.From, To = previous.To };
    }
}

/// <summary>The headline figures of a period. Null means "no data" (nothing to average), never zero.</summary>
public sealed record KpiSet(
    int Created,
    int Completed,
    int Cancelled,
    decimal? Revenue,
    double? AverageLeadTimeHours,
    double? OnTimeRate,
    double? FirstTimeFixRate,
    double? CallbackRate,
    double? MeasurementToInstallDays,
    double? AverageRating);

public sealed record DayCount(DateOnly Day, int Created, int Completed);

public sealed record StatusCount(OrderStatus Status, int Count);

public sealed record WorkTypeCount(string WorkType, int Count);

/// <summary>Lead time buckets: under a day, 1–3 days, 3–7 days, 1–2 weeks, over 2 weeks.</summary>
public sealed record LeadTimeBucket(int Bucket, int Count);

public sealed record RatingPoint(DateOnly Day, double Average);

/// <summary>Everything the dashboard shows for one filter.</summary>
public sealed record AnalyticsDashboard(
    KpiSet Current,
    KpiSet Previous,
    IReadOnlyList<DayCount> PerDay,
    IReadOnlyList<StatusCount> ByStatus,
    IReadOnlyList<WorkTypeCount> ByWorkType,
    IReadOnlyList<LeadTimeBucket> LeadTimes,
    IReadOnlyList<RatingPoint> RatingTrend)
{
    public bool IsEmpty => Current.Created == 0 && Current.Completed == 0 && Current.Cancelled == 0;
}

/// <summary>One person's line of the staff report.</summary>
public sealed record StaffReportRow(
    Guid UserId,
    string FullName,
    string Role,
    int JobsCompleted,
    double HoursOnSite,
    double? AverageMinutes,
    double? AverageEstimateMinutes,
    double? OnTimeRate,
    int ReworkCount,
    double? AverageRating,
    int Reviews,
    decimal? Revenue);

namespace Maxmontaj.Core.Analytics;

/// <summary>
/// The constants the KPI definitions in docs/analytics.md name. The order service writes the facts by them at each status
/// change and the analytics service counts by them; change them only together with that document.
/// </summary>
public static class KpiDefinitions
{
    /// <summary>A first start (arrival) up to this many minutes after the visit window's start is on time.</summary>
    public const int OnTimeGraceMinutes = 15;

    /// <summary>A new order for the same phone, address and work type within this many days of the final completion is a callback.</summary>
    public const int CallbackWindowDays = 30;

    /// <summary>
    /// The last completion day whose callback window is over on <paramref name="today"/>: an order completed on day D can still
    /// get a callback until day D + 30, so it counts for the callback rate from day D + 31 on.
    /// </summary>
    public static DateOnly CallbackFinalThrough(DateOnly today) => today.AddDays(-(CallbackWindowDays + 1));
}

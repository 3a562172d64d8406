namespace Maxmontaj.Core.Common;

/// <summary>The company's local time: visits are planned in it, "today" and "that day" mean its days.</summary>
public sealed class CompanyCalendar(TimeZoneInfo timeZone)
{
    public TimeZoneInfo TimeZone { get; } = timeZone;

    /// <summary>Moscow time, or a fixed UTC+3 where the system has no time-zone data.</summary>
    public static CompanyCalendar Moscow()
    {
        try
        {
            return new CompanyCalendar(TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow"));
        }
        catch (TimeZoneNotFoundException)
        {
            return new CompanyCalendar(TimeZoneInfo.CreateCustomTimeZone("MSK", TimeSpan.FromHours(3), "MSK", "MSK"));
        }
    }

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>The company's today by <paramref name="time"/>, for screens that preselect it (they never read the clock).</summary>
    public DateOnly Today(TimeProvider time) => DateOf(time.GetUtcNow());

    /// <summary>A local day as the yyyymmdd number stored on orders for grouping by day.</summary>
    public static int DayNumber(DateOnly day) => day.Year * 10000 + day.Month * 100 + day.Day;

    public static DateOnly FromDayNumber(int day) => new(day / 10000, day / 100 % 100, day % 100);

    public int DayNumberOf(DateTimeOffset instant) => DayNumber(DateOf(instant));

    /// <summary>The UTC start (inclusive) and end (exclusive) of a local day.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) DayBounds(DateOnly day)
    {
        var start = day.ToDateTime(TimeOnly.MinValue);
        var offset = TimeZone.GetUtcOffset(start);
        var startUtc = new DateTimeOffset(start, offset).ToUniversalTime();
        return (startUtc, startUtc.AddDays(1));
    }

    /// <summary>A local date and time as an instant.</summary>
    public DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }
}

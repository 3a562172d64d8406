using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Maxmontaj.Core.Live;

/// <summary>
/// The meter "Maxmontaj.Live": open circuits by page kind and the time from a live event's publication to the server render
/// that shows it. Exported with every "Maxmontaj*" meter; read in tests with a <see cref="MeterListener"/>.
/// </summary>
public static class LiveMetrics
{
    public const string MeterName = "Maxmontaj.Live";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Open circuits, tagged <c>page</c> with the page kind (board, orders, jobs, status, ...).</summary>
    public static readonly UpDownCounter<long> Circuits =
        Meter.CreateUpDownCounter<long>("maxmontaj.live.circuits", "{circuit}", "Open interactive circuits by page kind");

    /// <summary>Milliseconds from <see cref="ILiveEvents.Publish"/> to the render that shows the change, tagged <c>page</c>.</summary>
    public static readonly Histogram<double> PushLatency =
        Meter.CreateHistogram<double>("maxmontaj.live.push_latency", "ms", "From a live event's publication to the render that shows it");

    /// <summary>Database reads the shared board snapshots made (one per live event, whatever the number of open boards).</summary>
    public static readonly Counter<long> BoardReads =
        Meter.CreateCounter<long>("maxmontaj.live.board_reads", "{read}", "Reads made by the shared board snapshots");

    /// <summary>Records the push latency of <paramref name="liveEvent"/> now that <paramref name="page"/> has rendered it.</summary>
    public static void Rendered(LiveEvent liveEvent, string page)
    {
        if (liveEvent.PublishedAt != 0)
        {
            PushLatency.Record(Stopwatch.GetElapsedTime(liveEvent.PublishedAt).TotalMilliseconds, new KeyValuePair<string, object?>("page", page));
        }
    }
}

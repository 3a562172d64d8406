using System.Diagnostics.Metrics;

namespace Maxmontaj.Core.Orders;

/// <summary>
/// The "Maxmontaj.Orders" meter: orders created and changed, counted after a successful save. Plain
/// System.Diagnostics.Metrics; the web host exports every "Maxmontaj.*" meter (OpenTelemetry, /metrics).
/// </summary>
public static class OrderMetrics
{
    public const string MeterName = "Maxmontaj.Orders";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Exported as <c>maxmontaj_orders_created_total</c>, by source (office, portal).</summary>
    private static readonly Counter<long> Created = Meter.CreateCounter<long>("maxmontaj.orders.created", description: "Orders created");

    /// <summary>Exported as <c>maxmontaj_orders_changed_total</c>, by kind of change (edit, status).</summary>
    private static readonly Counter<long> Changed = Meter.CreateCounter<long>("maxmontaj.orders.changed", description: "Saved changes to orders");

    internal static void OrderCreated(OrderSource source) => Created.Add(1, new KeyValuePair<string, object?>("source", source.ToString()));

    internal static void OrderChanged(Live.LiveEventKind kind) => Changed.Add(1, new KeyValuePair<string, object?>("kind", kind.ToString()));
}

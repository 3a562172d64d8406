namespace Maxmontaj.Core.Orders;

/// <summary>One entry of an order's timeline: who did what, when. <see cref="Details"/> holds short facts (from → to).</summary>
public class OrderEvent
{
    public long Id { get; set; }
    public Guid OrderId { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? ActorId { get; set; }
    public OrderEventKind Kind { get; set; }
    public string? Details { get; set; }
}

namespace Maxmontaj.Core.Orders;

/// <summary>A person on an order: the lead executor, a helper, or the specialist.</summary>
public class OrderAssignment
{
    public Guid OrderId { get; set; }
    public Guid UserId { get; set; }
    public AssignmentRole Role { get; set; }
    public DateTimeOffset AssignedAt { get; set; }
}

namespace Maxmontaj.Core.Orders;

/// <summary>A person on an order: the lead executor, a helper, or the specialist.</summary>
public class OrderAssignment
{
    public Guid OrderId { get; set; }
    public Guid UserId { get; set; }
    public AssignmentRole Role { get; set; }
    public DateTimeOffset AssignedAt { get; set; }

    /// <summary>
    /// A copy of the order's <see cref="Order.CreatedAt"/> (set when the assignment is made; orders never change it), so "this
    /// person's orders, newest first" reads the (UserId, OrderCreatedAt) index alone (ADR 0028).
    /// </summary>
    public DateTimeOffset OrderCreatedAt { get; set; }

    /// <summary>When the person took the job; null while the assignment waits for an answer.</summary>
    public DateTimeOffset? AcceptedAt { get; set; }

    /// <summary>When the person said they were on their way.</summary>
    public DateTimeOffset? OnTheWayAt { get; set; }
}

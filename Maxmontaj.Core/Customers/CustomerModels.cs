using Maxmontaj.Core.Orders;

namespace Maxmontaj.Core.Customers;

/// <summary>What a customer may know about their order — nothing internal is ever put in it.</summary>
public sealed record CustomerOrderView(
    Guid Id,
    string Number,
    OrderStatus Status,
    string PlainStatus,
    string WorkType,
    string Address,
    DateTimeOffset? ScheduledStart,
    DateTimeOffset? ScheduledEnd,
    string? ExecutorFirstName,
    double? ExecutorRating,
    decimal? Price,
    IReadOnlyList<CustomerTimelineEntry> Timeline,
    bool CanReview,
    int? Rating,
    string? ReviewComment);

/// <summary>One step of the order's story as the customer sees it; <see cref="Code"/> is a resource key.</summary>
public sealed record CustomerTimelineEntry(DateTimeOffset At, string Code, string? Text);

/// <summary>A row of "my orders".</summary>
public sealed record CustomerOrderRow(Guid Id, string Number, OrderStatus Status, string PlainStatus, string WorkType, DateTimeOffset? ScheduledStart, DateTimeOffset CreatedAt);

/// <summary>A new request from the portal.</summary>
public sealed class OrderRequest
{
    public string Address { get; set; } = "";
    public int WorkTypeId { get; set; }
    public string? Description { get; set; }
    public string ContactPhone { get; set; } = "";
    public DateOnly? PreferredFrom { get; set; }
    public DateOnly? PreferredTo { get; set; }
    public List<byte[]> Photos { get; set; } = [];
}

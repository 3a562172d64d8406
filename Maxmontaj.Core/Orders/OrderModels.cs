namespace Maxmontaj.Core.Orders;

/// <summary>The fields of the create and edit dialogs.</summary>
public sealed class OrderEditModel
{
    public Guid? CustomerId { get; set; }
    public string CustomerName { get; set; } = "";
    public string ContactPhone { get; set; } = "";
    public string Address { get; set; } = "";
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public int WorkTypeId { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset? ScheduledStart { get; set; }
    public DateTimeOffset? ScheduledEnd { get; set; }
    public int? EstimatedMinutes { get; set; }
    public decimal? PriceEstimate { get; set; }
    public decimal? FinalPrice { get; set; }

    /// <summary>The customer may see the price.</summary>
    public bool PriceReleased { get; set; }
    public OrderPriority Priority { get; set; }
    public OrderSource Source { get; set; }
    public string? InternalNotes { get; set; }
}

/// <summary>
/// A page request for the order list. Every filter is optional. Pages are read by keyset (seek), never by offset:
/// <see cref="Seek"/> says which page relative to <see cref="Cursor"/> (a row of the page on screen): the first, the one after
/// it, the one before it, or the last (a reversed seek from the end).
/// </summary>
public sealed record OrderListQuery(
    IReadOnlyCollection<OrderStatus>? Statuses = null,
    int? WorkTypeId = null,
    Guid? PersonId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Text = null,
    int PageSize = 25,
    OrderSortField SortBy = OrderSortField.CreatedAt,
    bool SortDescending = true,
    OrderSeek Seek = OrderSeek.First,
    OrderCursor? Cursor = null);

/// <summary>Which page of the list to read, relative to <see cref="OrderListQuery.Cursor"/>.</summary>
public enum OrderSeek
{
    First,
    After,
    Before,
    Last,
}

/// <summary>
/// The sort keys of one row of the list: a page is read from the row after (or before) it in the list's order, with the
/// order's id breaking ties, so no row is skipped or repeated however many rows share a sort value.
/// </summary>
public sealed record OrderCursor(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset? ScheduledStart, OrderStatus Status, string CustomerName,
    int Year, int Sequence)
{
    public static OrderCursor Of(OrderListItem row)
    {
        var dash = row.Number.IndexOf('-', StringComparison.Ordinal);
        var year = dash > 0 && int.TryParse(row.Number.AsSpan(0, dash), System.Globalization.CultureInfo.InvariantCulture, out var y) ? y : 0;
        var sequence = dash > 0 && int.TryParse(row.Number.AsSpan(dash + 1), System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
        return new OrderCursor(row.Id, row.CreatedAt, row.ScheduledStart, row.Status, row.CustomerName, year, sequence);
    }
}

/// <summary>
/// How many orders match: exact up to <see cref="OrderQueries.CountLimit"/>; past it only "more than" that, because an exact
/// count of a large set reads every matching row (ADR 0027).
/// </summary>
public readonly record struct OrderCount(int Value, bool MoreThan);

/// <summary>One page of the order list, with whether there are rows before and after it.</summary>
public sealed record OrderPage(IReadOnlyList<OrderListItem> Items, OrderCount Count, bool HasPrevious, bool HasNext)
{
    public OrderCursor? First => Items.Count > 0 ? OrderCursor.Of(Items[0]) : null;

    public OrderCursor? Last => Items.Count > 0 ? OrderCursor.Of(Items[^1]) : null;
}

public enum OrderSortField
{
    CreatedAt,
    Number,
    ScheduledStart,
    Status,
    CustomerName,
}

/// <summary>A row of the order list, and a card on the board.</summary>
public sealed record OrderListItem(
    Guid Id,
    string Number,
    OrderStatus Status,
    OrderPriority Priority,
    string CustomerName,
    string ContactPhone,
    string Address,
    int WorkTypeId,
    string WorkType,
    DateTimeOffset? ScheduledStart,
    DateTimeOffset? ScheduledEnd,
    string? LeadName,
    Guid? LeadId,
    DateTimeOffset CreatedAt,
    bool Declined = false);

/// <summary>A person on an order, for the order page.</summary>
public sealed record AssignedPerson(Guid UserId, string FullName, AssignmentRole Role, bool Accepted = false, bool OnTheWay = false);

/// <summary>A timeline entry with the actor's name.</summary>
public sealed record TimelineEntry(DateTimeOffset At, OrderEventKind Kind, string? Details, string? ActorName);

/// <summary>
/// Everything the order page shows, for someone allowed to see it. <see cref="AllowedTransitions"/> are the plain status
/// changes (without the moves that answer a submitted report); <see cref="MyJob"/> is what the current user, when on the
/// order, may do on their job page.
/// </summary>
public sealed record OrderDetails(
    Guid Id,
    string Number,
    OrderStatus Status,
    OrderEditModel Fields,
    string WorkType,
    IReadOnlyList<AssignedPerson> People,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<OrderStatus> AllowedTransitions,
    Guid Version,
    DateTimeOffset CreatedAt,
    string? DeclineReason = null,
    bool NeedsFollowUp = false,
    Assignment.JobActions? MyJob = null);

/// <summary>A candidate for an order with the reasons behind the rank.</summary>
public sealed record ExecutorSuggestion(
    Guid UserId,
    string FullName,
    bool HasSkill,
    bool IsFree,
    int JobsThatDay,
    double? Rating,
    int Score);

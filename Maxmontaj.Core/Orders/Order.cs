using Maxmontaj.Core.Common;

namespace Maxmontaj.Core.Orders;

/// <summary>A job for a customer: measure, install or repair a window, door or air conditioner.</summary>
public class Order : IAuditable
{
    public Guid Id { get; set; }

    /// <summary>Human number, unique per year: 2026-000123.</summary>
    public string Number { get; set; } = "";
    public int Year { get; set; }
    public int Sequence { get; set; }

    /// <summary>The customer's account, or null for someone who only called.</summary>
    public Guid? CustomerId { get; set; }
    public string CustomerName { get; set; } = "";
    public string ContactPhone { get; set; } = "";
    public Address Address { get; set; } = new();

    public int WorkTypeId { get; set; }
    public WorkType? WorkType { get; set; }
    public string? Description { get; set; }

    /// <summary>The visit window (UTC); both null until the visit is scheduled.</summary>
    public DateTimeOffset? ScheduledStart { get; set; }
    public DateTimeOffset? ScheduledEnd { get; set; }
    public int? EstimatedMinutes { get; set; }

    public decimal? PriceEstimate { get; set; }
    public decimal? FinalPrice { get; set; }

    public OrderPriority Priority { get; set; }
    public OrderSource Source { get; set; }
    public OrderStatus Status { get; set; }

    /// <summary>Why the last person declined; the board flags the order until someone else is assigned.</summary>
    public string? DeclineReason { get; set; }

    /// <summary>Notes for staff only; never sent to customers.</summary>
    public string? InternalNotes { get; set; }

    /// <summary>
    /// Upper-case number, customer name, phone, address and the phone's national and local digits, for one case-insensitive
    /// full-text search on every provider (FULLTEXT on MariaDB, FTS5 on SQLite; ADR 0027).
    /// </summary>
    public string SearchText { get; set; } = "";

    // Lifecycle facts, written when the status changes, so that analytics aggregate plain columns on every provider.

    /// <summary>The company-local day the order was created, as yyyymmdd.</summary>
    public int CreatedDay { get; set; }

    /// <summary>The start of the latest visit (the last move to in progress).</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>The first start (arrival) ever; a restart after rework or a hold never moves it.</summary>
    public DateTimeOffset? FirstStartedAt { get; set; }

    /// <summary>The completion that stands: cleared when the order is returned for rework, set again by the next completion.</summary>
    public DateTimeOffset? CompletedAt { get; set; }
    public int? CompletedDay { get; set; }
    public int? ClosedDay { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The customer may see the price estimate and the final price.</summary>
    public bool PriceReleased { get; set; }

    /// <summary>A low rating came in: someone should call the customer.</summary>
    public bool NeedsFollowUp { get; set; }
    public int? CancelledDay { get; set; }

    /// <summary>
    /// Whether the first start came at most <see cref="Analytics.KpiDefinitions.OnTimeGraceMinutes"/> after the visit window's
    /// start; null until started and for an order started without a visit window (not counted either way).
    /// </summary>
    public bool? StartedOnTime { get; set; }

    /// <summary>Minutes from creation to the completion that stands (cleared with it on rework).</summary>
    public int? LeadTimeMinutes { get; set; }

    /// <summary>Minutes on site summed over every visit: each start to the completion or hold that ended it.</summary>
    public int? OnSiteMinutes { get; set; }
    public int ReworkCount { get; set; }

    /// <summary>
    /// A new order for the same phone, address and work type came within <see cref="Analytics.KpiDefinitions.CallbackWindowDays"/>
    /// days of this one's completion. Final only once that window is over: analytics count it from then on.
    /// </summary>
    public bool HadCallback { get; set; }

    /// <summary>For an installation: minutes from the completed measurement at the same address to this completion.</summary>
    public int? MeasurementToInstallMinutes { get; set; }

    /// <summary>Changes on every save; a save based on an older version is refused.</summary>
    public Guid Version { get; set; }

    public List<OrderAssignment> Assignments { get; set; } = [];
    public List<OrderEvent> Events { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public Guid? UpdatedBy { get; set; }

    public void RefreshSearchText() =>
        SearchText = string.Join(' ', Number, CustomerName, ContactPhone, Address.Text, OrderSearchTerms.PhoneWords(ContactPhone)).ToUpperInvariant();
}

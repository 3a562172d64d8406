namespace Maxmontaj.Core.Orders;

/// <summary>Where an order is in its life. Which moves exist and who may make them is <see cref="OrderTransitions"/>.</summary>
public enum OrderStatus
{
    New,
    Scheduled,
    InProgress,
    Completed,
    Closed,
    OnHold,
    Cancelled,
    Rework,
}

public enum OrderPriority
{
    Normal,
    Urgent,
}

public enum OrderSource
{
    Phone,
    Portal,
    Telegram,
    WhatsApp,
}

/// <summary>The part a person plays on an order.</summary>
public enum AssignmentRole
{
    Lead,
    Helper,
    Specialist,
}

/// <summary>What a timeline entry records.</summary>
public enum OrderEventKind
{
    Created,
    StatusChanged,
    Assigned,
    Unassigned,
    Rescheduled,
    PriceChanged,
    Edited,
    NoteAdded,
    Accepted,
    Declined,
    OnTheWay,
    ReportSubmitted,
    ReportReturned,
    ReportAccepted,
    CustomerLinked,
}

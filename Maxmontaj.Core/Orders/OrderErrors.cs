using Maxmontaj.Core.Common;

namespace Maxmontaj.Core.Orders;

/// <summary>Error codes of orders and assignment; the Web layer owns their wording.</summary>
public static class OrderErrors
{
    public static Error CustomerNameRequired => new("Order.CustomerNameRequired", nameof(OrderEditModel.CustomerName));
    public static Error PhoneInvalid => new("Order.PhoneInvalid", nameof(OrderEditModel.ContactPhone));
    public static Error AddressRequired => new("Order.AddressRequired", nameof(OrderEditModel.Address));
    public static Error WorkTypeRequired => new("Order.WorkTypeRequired", nameof(OrderEditModel.WorkTypeId));
    public static Error VisitInPast => new("Order.VisitInPast", nameof(OrderEditModel.ScheduledStart));
    public static Error VisitEndBeforeStart => new("Order.VisitEndBeforeStart", nameof(OrderEditModel.ScheduledEnd));
    public static Error PriceNegative => new("Order.PriceNegative", nameof(OrderEditModel.PriceEstimate));
    public static Error FinalPriceNegative => new("Order.PriceNegative", nameof(OrderEditModel.FinalPrice));
    public static Error DurationInvalid => new("Order.DurationInvalid", nameof(OrderEditModel.EstimatedMinutes));
    public static Error TextTooLong(string field) => new("Order.TextTooLong", field);

    public static Error TransitionForbidden => new("Order.TransitionForbidden");
    public static Error ScheduleRequired => new("Order.ScheduleRequired");
    public static Error Conflict => new("Order.Conflict");
    public static Error Closed => new("Order.Closed");

    /// <summary>The order's report waits for review: accept it or return it with a comment instead of changing the status.</summary>
    public static Error ReviewRequired => new("Order.ReviewRequired");

    public static Error ReportRequired => new("Order.ReportRequired");
    public static Error AlreadyAnswered => new("Job.AlreadyAnswered");
    public static Error ReasonRequired => new("Job.ReasonRequired", "Reason");

    public static Error PersonNotAvailable => new("Assignment.PersonNotAvailable");
    public static Error SkillMissing => new("Assignment.SkillMissing");
    public static Error AlreadyAssigned => new("Assignment.AlreadyAssigned");
    public static Error NotAssigned => new("Assignment.NotAssigned");

    /// <summary>Not an error but a question: the person has another visit at that time; assign anyway?</summary>
    public static Error OverlapNeedsConfirmation => new("Assignment.Overlap");
}

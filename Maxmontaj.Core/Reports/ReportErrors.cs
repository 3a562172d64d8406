using Maxmontaj.Core.Common;

namespace Maxmontaj.Core.Reports;

/// <summary>Error codes of reports; a missing checklist item names itself in <see cref="Error.Field"/>.</summary>
public static class ReportErrors
{
    public static Error WorkDoneRequired => new("Report.WorkDoneRequired", nameof(ReportDraft.WorkDone));
    public static Error TextTooLong => new("Report.TextTooLong", nameof(ReportDraft.WorkDone));
    public static Error TimeInvalid => new("Report.TimeInvalid", nameof(ReportDraft.TimeSpentMinutes));
    public static Error MaterialInvalid => new("Report.MaterialInvalid", nameof(ReportDraft.Materials));
    public static Error OpeningsRequired => new("Report.OpeningsRequired", nameof(ReportDraft.Openings));
    public static Error OpeningInvalid => new("Report.OpeningInvalid", nameof(ReportDraft.Openings));
    public static Error PriceRequired => new("Report.PriceRequired", nameof(ReportDraft.PriceEstimate));
    public static Error NotEditable => new("Report.NotEditable");
    public static Error NotSubmitted => new("Report.NotSubmitted");
    public static Error CommentRequired => new("Report.CommentRequired", "Comment");
    public static Error NotInProgress => new("Report.NotInProgress");

    /// <summary>A checklist item that must be ticked; the field carries the item's text for the message.</summary>
    public static Error ItemMissing(string item) => new("Report.ItemMissing", item);

    /// <summary>A checklist item that needs a photo.</summary>
    public static Error PhotoMissing(string item) => new("Report.PhotoMissing", item);
}

namespace Maxmontaj.Core.Reports;

public sealed record MaterialLine(string Name, decimal Quantity, string Unit);

public sealed record ChecklistLine(int ItemId, string Text, bool RequiresPhoto, bool Done);

public sealed record PhotoLine(Guid Id, int? ChecklistItemId, string OriginalName);

public sealed record OpeningLine(string Label, int WidthMm, int HeightMm, string? Notes);

/// <summary>A report as the executor edits it or the dispatcher reviews it.</summary>
public sealed record ReportView(
    Guid OrderId,
    bool IsMeasurement,
    ReportStatus Status,
    string? WorkDone,
    int? TimeSpentMinutes,
    decimal? PriceEstimate,
    string? ReturnComment,
    IReadOnlyList<MaterialLine> Materials,
    IReadOnlyList<ChecklistLine> Checklist,
    IReadOnlyList<PhotoLine> Photos,
    IReadOnlyList<OpeningLine> Openings,
    bool CanEdit,
    bool CanReview,
    string? AuthorName,
    DateTimeOffset? SubmittedAt);

/// <summary>What the executor has typed so far; saved as a draft as they go.</summary>
public sealed class ReportDraft
{
    public string? WorkDone { get; set; }
    public int? TimeSpentMinutes { get; set; }
    public decimal? PriceEstimate { get; set; }
    public List<MaterialLine> Materials { get; set; } = [];
    public List<int> CheckedItems { get; set; } = [];
    public List<OpeningLine> Openings { get; set; } = [];
}

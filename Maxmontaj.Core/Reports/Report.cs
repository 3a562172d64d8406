namespace Maxmontaj.Core.Reports;

public enum ReportStatus
{
    Draft,
    Submitted,
    Returned,
    Accepted,
}

/// <summary>The completion (or measurement) report of an order: one per order, saved as a draft while it is written.</summary>
public class Report
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    public Guid AuthorId { get; set; }
    public ReportStatus Status { get; set; }
    public string? WorkDone { get; set; }
    public int? TimeSpentMinutes { get; set; }

    /// <summary>A measurement's price estimate for the installation.</summary>
    public decimal? PriceEstimate { get; set; }

    /// <summary>What the dispatcher asked to fix when returning the report.</summary>
    public string? ReturnComment { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }

    public List<ReportMaterial> Materials { get; set; } = [];
    public List<ReportCheck> Checks { get; set; } = [];
    public List<ReportPhoto> Photos { get; set; } = [];
    public List<MeasurementOpening> Openings { get; set; } = [];
}

/// <summary>A material used: name, quantity and unit.</summary>
public class ReportMaterial
{
    public long Id { get; set; }
    public Guid ReportId { get; set; }
    public string Name { get; set; } = "";
    public decimal Quantity { get; set; }
    public string Unit { get; set; } = "";
}

/// <summary>A checklist item ticked in the report.</summary>
public class ReportCheck
{
    public Guid ReportId { get; set; }
    public int ChecklistItemId { get; set; }
}

/// <summary>A photo kept on disk under a generated name, optionally proving a checklist item.</summary>
public class ReportPhoto
{
    public Guid Id { get; set; }
    public Guid ReportId { get; set; }
    public int? ChecklistItemId { get; set; }
    public string StoredName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string OriginalName { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>One opening a measurement recorded: width and height in millimetres and notes.</summary>
public class MeasurementOpening
{
    public long Id { get; set; }
    public Guid ReportId { get; set; }
    public string Label { get; set; } = "";
    public int WidthMm { get; set; }
    public int HeightMm { get; set; }
    public string? Notes { get; set; }
}

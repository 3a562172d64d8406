namespace Maxmontaj.Core.Reviews;

/// <summary>A customer's rating of a finished order: one per order, editable for a week.</summary>
public class Review
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }

    /// <summary>The lead executor when the review was left; their average rating is built from these.</summary>
    public Guid? ExecutorId { get; set; }
    public int Rating { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int CreatedDay { get; set; }

    /// <summary>A copy of the order's work type, kept when the order's type changes, so ratings by type read one index.</summary>
    public int WorkTypeId { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}

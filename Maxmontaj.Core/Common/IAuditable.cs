namespace Maxmontaj.Core.Common;

/// <summary>An entity whose creation and last change are stamped by the data layer on save.</summary>
public interface IAuditable
{
    DateTimeOffset CreatedAt { get; set; }
    Guid? CreatedBy { get; set; }
    DateTimeOffset? UpdatedAt { get; set; }
    Guid? UpdatedBy { get; set; }
}

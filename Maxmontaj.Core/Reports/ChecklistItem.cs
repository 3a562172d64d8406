using Maxmontaj.Core.Orders;

namespace Maxmontaj.Core.Reports;

/// <summary>A step the report must confirm for a work type ("sealant applied"), optionally with a photo; edited by admins.</summary>
public class ChecklistItem
{
    public int Id { get; set; }
    public int WorkTypeId { get; set; }
    public WorkType? WorkType { get; set; }
    public string Text { get; set; } = "";
    public bool RequiresPhoto { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
}

namespace Maxmontaj.Core.Orders;

/// <summary>An entry of the work-type catalogue (window installation, air-conditioner service, ...), edited by admins.</summary>
public class WorkType
{
    public int Id { get; set; }

    /// <summary>A stable code that seeding and integrations refer to.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
}

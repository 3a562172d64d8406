using Maxmontaj.Core.Orders;

namespace Maxmontaj.Core.Users;

/// <summary>A work type that an executor or specialist is qualified for.</summary>
public class UserSkill
{
    public Guid UserId { get; set; }
    public int WorkTypeId { get; set; }
    public WorkType? WorkType { get; set; }
}

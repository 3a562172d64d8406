using Maxmontaj.Core.Common;

namespace Maxmontaj.Core.Users;

/// <summary>Who may see and manage which accounts: admins manage everyone, dispatchers only field staff and customers.</summary>
public static class UserAccessPolicy
{
    private static readonly string[] DispatcherManageable = [Roles.Specialist, Roles.Executor, Roles.Customer];

    /// <summary>The roles whose holders <paramref name="actor"/> may see, create and edit.</summary>
    public static IReadOnlyList<string> ManageableRoles(ICurrentUser actor)
    {
        if (actor.IsInRole(Roles.Admin))
        {
            return Roles.All;
        }

        return actor.IsInRole(Roles.Dispatcher) ? DispatcherManageable : [];
    }

    /// <summary>True when every one of <paramref name="targetRoles"/> is manageable by <paramref name="actor"/>.</summary>
    public static bool CanManage(ICurrentUser actor, IEnumerable<string> targetRoles)
    {
        var manageable = ManageableRoles(actor);
        var roles = targetRoles.ToList();
        return manageable.Count > 0
            && (roles.Count > 0 || actor.IsInRole(Roles.Admin))
            && roles.All(manageable.Contains);
    }
}

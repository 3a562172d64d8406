using System.Security.Claims;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Users;

namespace Maxmontaj.Web.Security;

/// <summary>
/// The user of the current scope: the circuit's user once <see cref="UserCircuitHandler"/> has set it,
/// otherwise the HTTP request's user (static pages, endpoints). A child scope opened by a service acts for its parent's user
/// (<see cref="UserScopes.CreateAsyncScopeFor"/>), because a circuit's child scope has no HTTP request to fall back on.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor httpContextAccessor) : IActingUser
{
    private ClaimsPrincipal? _circuitUser;

    public ClaimsPrincipal Principal => _circuitUser ?? httpContextAccessor.HttpContext?.User ?? new ClaimsPrincipal();

    public Guid? UserId => Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public bool IsInRole(string role) => Principal.IsInRole(role);

    internal void SetCircuitUser(ClaimsPrincipal user) => _circuitUser = user;

    public void ActAs(ICurrentUser user) => _circuitUser = user switch
    {
        CurrentUser parent => parent.Principal,
        { UserId: { } id } => new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, id.ToString()), .. Roles.All.Where(user.IsInRole).Select(r => new Claim(ClaimTypes.Role, r))], "acting")),
        _ => new ClaimsPrincipal(),
    };
}

using System.Security.Claims;
using Maxmontaj.Core.Common;

namespace Maxmontaj.Web.Security;

/// <summary>
/// The user of the current scope: the circuit's user once <see cref="UserCircuitHandler"/> has set it,
/// otherwise the HTTP request's user (static pages, endpoints).
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor httpContextAccessor) : ICurrentUser
{
    private ClaimsPrincipal? _circuitUser;

    public ClaimsPrincipal Principal => _circuitUser ?? httpContextAccessor.HttpContext?.User ?? new ClaimsPrincipal();

    public Guid? UserId => Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public bool IsInRole(string role) => Principal.IsInRole(role);

    internal void SetCircuitUser(ClaimsPrincipal user) => _circuitUser = user;
}

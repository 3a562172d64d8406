using Maxmontaj.Core.Audit;

namespace Maxmontaj.Web.Security;

/// <summary>
/// The client address of the scope: the circuit's address remembered at circuit start (<see cref="UserCircuitHandler"/>),
/// otherwise the HTTP request's. Both are the address after the forwarded-headers middleware, so behind Apache it is the
/// visitor's, not the proxy's.
/// </summary>
public sealed class RequestOrigin(IHttpContextAccessor httpContextAccessor) : IRequestOrigin
{
    private string? _circuitIp;

    public string? ClientIp => _circuitIp ?? ClientAddress.Exact(httpContextAccessor.HttpContext?.Connection.RemoteIpAddress);

    /// <summary>Keeps the address of the request that opened the circuit; a circuit outlives it.</summary>
    internal void RememberForCircuit() => _circuitIp ??= ClientAddress.Exact(httpContextAccessor.HttpContext?.Connection.RemoteIpAddress);
}

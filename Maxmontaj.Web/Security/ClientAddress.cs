using System.Net.Sockets;

namespace Maxmontaj.Web.Security;

/// <summary>
/// The address a request came from, as limits and the sign-in guard count it: the forwarded one (the forwarded-headers
/// middleware runs first), IPv4 as is, IPv6 by its /64 (one subscriber's whole network, which they can rotate through).
/// Logs write the <see cref="Exact(System.Net.IPAddress?)"/> address; only the limits count by <see cref="Of"/>.
/// </summary>
public static class ClientAddress
{
    /// <summary>The full address, an IPv4-mapped IPv6 one as its IPv4: what the security and audit logs record.</summary>
    public static string? Exact(System.Net.IPAddress? address) =>
        address is null ? null : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    /// <summary>The request's <see cref="Exact(System.Net.IPAddress?)"/> address, "unknown" without one.</summary>
    public static string Exact(HttpContext context) => Exact(context.Connection.RemoteIpAddress) ?? "unknown";

    /// <summary>The bucket limits and the sign-in guard count by: IPv4 as is, IPv6 by its /64.</summary>
    public static string Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null || address.IsIPv4MappedToIPv6 || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return Exact(context);
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new System.Net.IPAddress(bytes) + "/64";
    }
}

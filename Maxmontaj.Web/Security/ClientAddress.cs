using System.Net.Sockets;

namespace Maxmontaj.Web.Security;

/// <summary>
/// The address a request came from, as limits and the sign-in guard count it: the forwarded one (the forwarded-headers
/// middleware runs first), IPv4 as is, IPv6 by its /64 (one subscriber's whole network, which they can rotate through).
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new System.Net.IPAddress(bytes) + "/64";
    }
}

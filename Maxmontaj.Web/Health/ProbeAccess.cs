using System.Net;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Web.Health;

/// <summary>
/// Health probes and metrics answer only loopback clients and <see cref="HealthOptions.AllowedNetworks"/>; anyone else gets
/// 404, as if nothing were there. The address judged is the one after the forwarded-headers middleware, which runs first:
/// behind Apache the TCP peer is always loopback (Apache itself), so the peer alone would let the whole internet in. Apache
/// appends the address it saw to X-Forwarded-For and the middleware takes only the last entry (ForwardLimit 1) from a known
/// proxy, so a visitor who sends "X-Forwarded-For: 127.0.0.1" is still judged by their own address. A probe on the server
/// (curl to Kestrel directly, or to Apache on localhost) is loopback either way. ADR 0022.
/// </summary>
public sealed class ProbeAccess(RequestDelegate next, IOptionsMonitor<HealthOptions> options, ILogger<ProbeAccess> logger)
{
    public static bool IsProbePath(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");

    public async Task InvokeAsync(HttpContext context)
    {
        if (IsProbePath(context.Request.Path) && !IsAllowed(context.Connection.RemoteIpAddress, options.CurrentValue.AllowedNetworks))
        {
            logger.LogDebug("Probe {Path} refused to {ClientAddress}", context.Request.Path, context.Connection.RemoteIpAddress);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            // A body, so that the status-code pages leave the answer as it is.
            await context.Response.WriteAsync("Not Found");
            return;
        }

        await next(context);
    }

    public static bool IsAllowed(IPAddress? address, IEnumerable<string> allowedNetworks)
    {
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return true;
        }

        foreach (var network in allowedNetworks)
        {
            if (TryParseNetwork(network, out var parsed) && parsed.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"10.0.0.0/8", "2001:db8::/32", or a single address ("192.168.1.5", as /32 or /128).</summary>
    public static bool TryParseNetwork(string text, out IPNetwork network)
    {
        text = text.Trim();
        if (IPAddress.TryParse(text, out var single) && !text.Contains('/'))
        {
            single = single.IsIPv4MappedToIPv6 ? single.MapToIPv4() : single;
            network = new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return IPNetwork.TryParse(text, out network);
    }
}

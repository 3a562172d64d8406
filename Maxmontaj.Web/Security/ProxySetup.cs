using System.Net;
using Maxmontaj.Web.Links;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Web.Security;

/// <summary>Apache in front: which proxies are believed, which Host names are answered, and HSTS.</summary>
public static class ProxySetup
{
    /// <summary>Names a health check on the server itself may use besides the public address.</summary>
    public static readonly IReadOnlyList<string> LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    public static IServiceCollection AddMaxmontajProxy(this IServiceCollection services)
    {
        // X-Forwarded-For/Proto/Host are believed from loopback (Apache on the same host) and from the addresses in
        // ForwardedHeaders:KnownProxies (a proxy on another machine).
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration, IHostEnvironment, IOptions<PublicAddressOptions>>((o, configuration, environment, address) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in List(configuration.GetSection("ForwardedHeaders:KnownProxies")))
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            if (!environment.IsDevelopment())
            {
                o.AllowedHosts = AllowedHosts(configuration, address.Value);
            }
        });

        // Outside Development the app answers only its public name (App:PublicBaseUrl) and loopback names: a foreign Host
        // header gets 400 instead of reaching absolute Location headers (the sign-in redirect).
        services.AddOptions<HostFilteringOptions>().PostConfigure<IConfiguration, IHostEnvironment, IOptions<PublicAddressOptions>>((o, configuration, environment, address) =>
        {
            if (!environment.IsDevelopment())
            {
                o.AllowedHosts = AllowedHosts(configuration, address.Value);
            }
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(180));
        return services;
    }

    /// <summary>The public address's host, loopback names, and any extra names in AllowedHosts ("*" does not widen it).</summary>
    public static List<string> AllowedHosts(IConfiguration configuration, PublicAddressOptions address)
    {
        var hosts = new List<string>();
        if (Uri.TryCreate(address.PublicBaseUrl, UriKind.Absolute, out var uri))
        {
            hosts.Add(uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.IdnHost.Trim('[', ']')}]" : uri.IdnHost);
        }

        hosts.AddRange(LoopbackHosts);
        hosts.AddRange((configuration["AllowedHosts"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(h => h != "*"));
        return hosts.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static IEnumerable<string> List(IConfigurationSection section) =>
        section.Value is { } value
            ? value.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value).OfType<string>();
}

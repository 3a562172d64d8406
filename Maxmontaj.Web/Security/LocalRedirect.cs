using System.Diagnostics.CodeAnalysis;

namespace Maxmontaj.Web.Security;

/// <summary>The one check for every redirect to an address that came with the request (returnUrl, redirectUri).</summary>
public static class LocalRedirect
{
    /// <summary>
    /// A path on this site: starts with one '/', never '//' or '/\' (which browsers read as another host), no '\' before the
    /// query, and only printable ASCII, so a tab ("/%09/evil.com", which browsers drop) cannot turn it into '//' and the
    /// Location header can always be written.
    /// </summary>
    public static bool IsSafe([NotNullWhen(true)] string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/' || (url.Length > 1 && url[1] is '/' or '\\'))
        {
            return false;
        }

        var pathEnd = url.IndexOfAny(['?', '#']);
        return url.All(c => c is >= ' ' and <= '~') && url.AsSpan(0, pathEnd < 0 ? url.Length : pathEnd).IndexOf('\\') < 0;
    }
}

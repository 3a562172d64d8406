using System.Security.Cryptography;

namespace Maxmontaj.Web.Security;

/// <summary>
/// The headers every response carries (pages, static files, endpoints, error pages), and the per-request nonce that lets the
/// one inline script Blazor needs (the import map) run under the CSP. Why each directive: ADR 0016.
/// </summary>
public static class SecurityHeaders
{
    private static readonly object NonceKey = new();

    /// <summary>This request's script nonce, for the <c>nonce</c> attribute of the import map in App.razor.</summary>
    public static string NonceOf(HttpContext context)
    {
        if (context.Items[NonceKey] is not string nonce)
        {
            // Hex, not base64: the HTML encoder would write '+' as an entity in the attribute.
            nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
        }

        return nonce;
    }

    /// <summary>
    /// Script only from this site or with this response's nonce, never eval; inline styles allowed (MudBlazor positions and
    /// themes through style attributes and a style element); the circuit's WebSocket to this site; no framing; no plugins.
    /// </summary>
    /// <param name="nonce">This response's script nonce.</param>
    /// <param name="development">On a developer's machine `dotnet watch` refreshes the page over its own local WebSocket.</param>
    public static string ContentSecurityPolicy(string nonce, bool development = false) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; " +
        "font-src 'self' data:; " +
        (development ? "connect-src 'self' ws://localhost:* wss://localhost:*; " : "connect-src 'self'; ") +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    /// <summary>What the browser may use: no camera (photos come through the file picker, which needs no permission), no microphone, location, payment or USB.</summary>
    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    /// <summary>No Referer at all: status links (/s/{token}) and invitation links must not leak to the maps or messenger sites they link to.</summary>
    public const string ReferrerPolicy = "no-referrer";

    /// <summary>Sets the headers when the response starts, so error pages and re-executed status pages carry them too; a response that chose its own CSP (photos: sandbox) keeps it.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var development = app.Environment.IsDevelopment();
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() => SetHeaders(context, development));
            return next(context);
        });
        return app;
    }

    private static Task SetHeaders(HttpContext context, bool development)
    {
        var headers = context.Response.Headers;
        // Blazor puts "frame-ancestors 'self'" on interactive pages; the full policy replaces it (and says 'none').
        var own = headers.ContentSecurityPolicy.ToString();
        if (own.Length == 0 || own.StartsWith("frame-ancestors", StringComparison.Ordinal))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy(NonceOf(context), development);
        }

        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = ReferrerPolicy;
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return Task.CompletedTask;
    }
}

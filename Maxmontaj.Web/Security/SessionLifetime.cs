using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Web.Security;

/// <summary>
/// The cookie's checks on every request: an absolute lifetime from sign-in (kept in the ticket, so sliding renewals and the
/// stamp validator's re-issues carry it over), a stamp ended by a sign-out, then Identity's periodic stamp check.
/// </summary>
internal static class SessionLifetime
{
    private const string SignedInAt = "mm.signed-in";

    public static Task StampSignInTimeAsync(CookieSigningInContext context)
    {
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        // A refresh (RefreshSignInAsync) passes the old properties: the time of the first sign-in stays.
        context.Properties.Items.TryAdd(SignedInAt, now.UtcTicks.ToString(CultureInfo.InvariantCulture));
        return Task.CompletedTask;
    }

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var sessions = services.GetRequiredService<IOptionsMonitor<SessionOptions>>().CurrentValue;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var signedIn = context.Properties.Items.TryGetValue(SignedInAt, out var ticks) && long.TryParse(ticks, CultureInfo.InvariantCulture, out var t)
            ? new DateTimeOffset(t, TimeSpan.Zero)
            : (DateTimeOffset?)null;
        var expired = signedIn is null || now - signedIn.Value > sessions.AbsoluteLifetime;
        if (expired || services.GetRequiredService<SessionRevocations>().IsEnded(context.Principal?.FindFirstValue(stampClaim)))
        {
            if (expired)
            {
                services.GetRequiredService<ILoggerFactory>().CreateLogger(SecurityEvents.LoggerName).LogInformation(
                    "{SecurityEvent}: user {UserId} signed in at {SignedInAt}", SecurityEvents.SessionExpired,
                    context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier), signedIn);
            }

            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}

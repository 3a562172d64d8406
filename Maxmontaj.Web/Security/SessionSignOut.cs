using System.Security.Claims;
using Maxmontaj.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Web.Security;

/// <summary>
/// Ends the signed-in user's sessions: a new security stamp refuses every cookie issued before (a saved or stolen copy
/// included), and the user's open pages drop to the sign-in page. Sign-out and "sign out everywhere" both end them all:
/// cookies carry no per-session id on the server, see ADR 0017.
/// </summary>
public sealed class SessionSignOut(
    SignInManager<ApplicationUser> signIn,
    SessionRevocations revocations,
    IOptions<IdentityOptions> identity,
    ILoggerFactory loggerFactory)
{
    private readonly ILogger _security = loggerFactory.CreateLogger(SecurityEvents.LoggerName);

    public async Task SignOutAsync(HttpContext context, bool everywhere)
    {
        var principal = context.User;
        var user = principal.Identity?.IsAuthenticated == true ? await signIn.UserManager.GetUserAsync(principal) : null;
        if (user is not null)
        {
            var before = await signIn.UserManager.GetSecurityStampAsync(user);
            await signIn.UserManager.UpdateSecurityStampAsync(user);
            revocations.End(user.Id, [before, principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType)]);
            _security.LogInformation("{SecurityEvent}: user {UserId} from {ClientIp}",
                everywhere ? SecurityEvents.SignOutEverywhere : SecurityEvents.SignOut, user.Id, ClientAddress.Exact(context));
        }

        await signIn.SignOutAsync();
    }
}

using System.Security.Claims;
using Maxmontaj.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Maxmontaj.Web.Security;

public static class SessionRenewal
{
    /// <summary>
    /// After the account's own change renewed its security stamp (password, second factor): a fresh cookie for this session,
    /// so only the other sessions end. Not <c>RefreshSignInAsync</c>: it authenticates the request again, and a stamp check
    /// falling due then finds the new stamp and signs this session out too.
    /// </summary>
    public static async Task RenewSessionAsync(this HttpContext context)
    {
        // A scope of its own: the request's context may still track the account as the stamp check loaded it, old stamp and all.
        await using var scope = context.RequestServices.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
        if (await signIn.UserManager.GetUserAsync(context.User) is not { } user)
        {
            return;
        }

        var current = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties;
        var properties = new AuthenticationProperties(new Dictionary<string, string?>(current?.Items ?? new Dictionary<string, string?>()))
        {
            IssuedUtc = null,
            ExpiresUtc = null,
        };
        // How the session was signed in (with a second factor) carries over, as RefreshSignInAsync would keep it.
        var methods = context.User.FindAll("amr").Select(c => new Claim(c.Type, c.Value)).ToList();
        await signIn.SignInWithClaimsAsync(user, properties, methods);
    }
}

using System.Security.Claims;
using Maxmontaj.Core.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Web.Security;

/// <summary>The "Security" section: whether admins must have a second factor before they can do anything (on by default).</summary>
public sealed class TwoFactorPolicyOptions
{
    public const string Section = "Security";

    public bool AdminsRequireTwoFactor { get; set; } = true;
}

/// <summary>
/// Holds admins without a second factor at the enrolment page: every page policy carries this requirement, so the server
/// refuses every page and endpoint to them, and the cookie's access-denied redirect sends them to enrolment.
/// </summary>
public sealed class TwoFactorEnrolledRequirement : IAuthorizationRequirement
{
    /// <summary>In the sign-in cookie of an account that has a second factor; renewed with the security stamp.</summary>
    public const string Claim = "mm_2fa";

    public const string EnrolmentPath = "/account/two-factor";

    public static bool MustEnrol(ClaimsPrincipal user, TwoFactorPolicyOptions options) =>
        options.AdminsRequireTwoFactor
        && user.Identity?.IsAuthenticated == true
        && TwoFactorService.IsRequiredFor(user.IsInRole)
        && !user.HasClaim(c => c.Type == Claim);
}

/// <summary>Checks <see cref="TwoFactorEnrolledRequirement"/> for HTTP requests and for pages in a circuit alike.</summary>
internal sealed class TwoFactorEnrolledHandler(IOptionsMonitor<TwoFactorPolicyOptions> options) : AuthorizationHandler<TwoFactorEnrolledRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TwoFactorEnrolledRequirement requirement)
    {
        if (!TwoFactorEnrolledRequirement.MustEnrol(context.User, options.CurrentValue))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

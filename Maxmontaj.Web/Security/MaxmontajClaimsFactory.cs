using System.Security.Claims;
using Maxmontaj.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Web.Security;

/// <summary>
/// Adds the display name to the sign-in cookie, so the app bar needs no database call, and a mark when the account has a
/// second factor, which the admin pages require (<see cref="TwoFactorEnrolledRequirement"/>).
/// </summary>
internal sealed class MaxmontajClaimsFactory(
    UserManager<ApplicationUser> userManager,
    RoleManager<IdentityRole<Guid>> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole<Guid>>(userManager, roleManager, options)
{
    public const string FullNameClaim = "full_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(FullNameClaim, user.FullName));
        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(TwoFactorEnrolledRequirement.Claim, "on"));
        }

        return identity;
    }
}

using System.Security.Claims;
using Maxmontaj.Core.Users;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Web.Security;

/// <summary>
/// Re-checks a circuit's user every <see cref="SessionOptions.CircuitRevalidationInterval"/>: a deactivated account, or one
/// whose security stamp changed (roles, password, a sign-out), drops to anonymous in the open circuit too, not only in new
/// requests. A sign-out in this app does not wait for the interval: <see cref="SessionRevocations"/> signals it at once.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly IOptions<IdentityOptions> _options;
    private readonly SessionRevocations _revocations;
    private readonly TimeSpan _interval;

    public IdentityRevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory,
        IOptions<IdentityOptions> options, IOptions<SessionOptions> sessions, SessionRevocations revocations)
        : base(loggerFactory)
    {
        _scopeFactory = scopeFactory;
        _options = options;
        _revocations = revocations;
        _interval = sessions.Value.CircuitRevalidationInterval;
        revocations.Ended += OnSessionsEnded;
    }

    protected override TimeSpan RevalidationInterval => _interval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var principalStamp = authenticationState.User.FindFirstValue(_options.Value.ClaimsIdentity.SecurityStampClaimType);
        if (_revocations.IsEnded(principalStamp))
        {
            return false;
        }

        await using var scope = _scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await userManager.GetUserAsync(authenticationState.User);
        if (user is null || !user.IsActive)
        {
            return false;
        }

        if (!userManager.SupportsUserSecurityStamp)
        {
            return true;
        }

        return principalStamp == await userManager.GetSecurityStampAsync(user);
    }

    protected override void Dispose(bool disposing)
    {
        _revocations.Ended -= OnSessionsEnded;
        base.Dispose(disposing);
    }

    private void OnSessionsEnded(Guid userId) => _ = DropIfSignedOutAsync(userId);

    private async Task DropIfSignedOutAsync(Guid userId)
    {
        try
        {
            var state = await GetAuthenticationStateAsync();
            var stamp = state.User.FindFirstValue(_options.Value.ClaimsIdentity.SecurityStampClaimType);
            if (state.User.FindFirstValue(_options.Value.ClaimsIdentity.UserIdClaimType) == userId.ToString() && _revocations.IsEnded(stamp))
            {
                SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
            }
        }
        catch (InvalidOperationException)
        {
            // No state yet (a circuit still starting): its first revalidation refuses the ended stamp.
        }
    }
}

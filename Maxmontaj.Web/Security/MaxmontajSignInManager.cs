using Maxmontaj.Core.Audit;
using Maxmontaj.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Web.Security;

/// <summary>
/// Identity's sign-in manager with the app's rules: a deactivated account cannot sign in, and the sign-in form's attempt
/// (<see cref="PasswordSignInByLoginAsync"/>) fails the same way, after one password hash, whatever went wrong.
/// </summary>
public sealed class MaxmontajSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    SignInLookup lookup,
    SignInGuard guard,
    TimeProvider time,
    ILoggerFactory loggerFactory,
    IAuditLog audit)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static string? _dummyHash;
    private readonly ILogger _security = loggerFactory.CreateLogger(SecurityEvents.LoggerName);

    public override async Task<bool> CanSignInAsync(ApplicationUser user) =>
        user.IsActive && await base.CanSignInAsync(user);

    /// <summary>
    /// Signs in with what a person typed into the form. Every failure (unknown login, wrong password, deactivated account,
    /// a source locked for this account) is <see cref="SignInResult.Failed"/> after exactly one password hash, so neither the
    /// message nor the time tells them apart; the right password of a deactivated account is never confirmed.
    /// </summary>
    public async Task<SignInResult> PasswordSignInByLoginAsync(string login, string password, bool isPersistent)
    {
        var account = AccountKey.For(login);
        var source = ClientAddress.Of(Context);
        var clientIp = ClientAddress.Exact(Context);
        var locked = guard.IsLocked(account, source);
        var userId = await lookup.FindUserIdAsync(login);
        var user = userId is null ? null : await UserManager.FindByIdAsync(userId.Value.ToString());

        bool passwordOk;
        if (user is null)
        {
            // The same work as a real check: hashing is what makes a known login slower than an unknown one.
            UserManager.PasswordHasher.VerifyHashedPassword(new ApplicationUser(), DummyHash(), password);
            passwordOk = false;
        }
        else
        {
            passwordOk = await UserManager.CheckPasswordAsync(user, password);
        }

        // One code for the security log and the audit log alike.
        var reason = locked ? "SourceLocked" : user is null ? "UnknownLogin" : !passwordOk ? "WrongPassword"
            : !await CanSignInAsync(user) ? "NotAllowed" : await UserManager.IsLockedOutAsync(user) ? "AccountLocked" : null;
        if (reason is not null)
        {
            var lockedNow = guard.RecordFailure(account, source);
            _security.LogWarning("{SecurityEvent}: {Reason} for user {UserId} (account {AccountKey}) from {ClientIp}",
                SecurityEvents.SignInFailed, reason, user?.Id, account, clientIp);
            await SecurityAudit.FailedAsync(audit, user, reason, lockedNow);
            if (lockedNow)
            {
                _security.LogWarning("{SecurityEvent}: account {AccountKey} (user {UserId}) refused from {ClientIp} after repeated failures",
                    SecurityEvents.SourceLocked, account, user?.Id, clientIp);
            }

            return SignInResult.Failed;
        }

        guard.Reset(account, source);
        // Identity's SignInOrTwoFactorAsync returns only success or "second factor required": the failures are above.
        var result = await SignInOrTwoFactorAsync(user!, isPersistent);
        if (result.Succeeded)
        {
            user!.LastSignInAt = time.GetUtcNow();
            await UserManager.UpdateAsync(user);
            _security.LogInformation("{SecurityEvent}: user {UserId} from {ClientIp}", SecurityEvents.SignInSucceeded, user.Id, clientIp);
        }

        await SecurityAudit.SignInAsync(audit, user!, result);
        return result;
    }

    /// <summary>
    /// The sign-in form's second step, after a correct password: six digits are a code from the authenticator app, anything
    /// else is tried as a recovery code (each works once). Success is recorded like a password sign-in.
    /// </summary>
    public async Task<SignInResult> SecondFactorSignInAsync(ApplicationUser user, string? typed, bool isPersistent)
    {
        var code = (typed ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var result = code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient: false)
            : code.Length > 0 ? await TwoFactorRecoveryCodeSignInAsync(code) : SignInResult.Failed;
        var clientIp = ClientAddress.Exact(Context);
        if (result.Succeeded)
        {
            user.LastSignInAt = time.GetUtcNow();
            await UserManager.UpdateAsync(user);
            _security.LogInformation("{SecurityEvent}: user {UserId} with a second factor from {ClientIp}", SecurityEvents.SignInSucceeded, user.Id, clientIp);
            await SecurityAudit.SignInAsync(audit, user, result);
        }
        else
        {
            var reason = result.IsLockedOut ? "AccountLocked" : "WrongCode";
            _security.LogWarning("{SecurityEvent}: second factor refused ({Reason}) for user {UserId} from {ClientIp}",
                SecurityEvents.SignInFailed, reason, user.Id, clientIp);
            await SecurityAudit.FailedAsync(audit, user, reason, lockedNow: false);
        }

        return result;
    }

    private string DummyHash() =>
        _dummyHash ??= UserManager.PasswordHasher.HashPassword(new ApplicationUser(), Guid.NewGuid().ToString("N"));

    /// <summary>Every sign-out through the app (the form, "sign out everywhere") goes to the audit log.</summary>
    public override async Task SignOutAsync()
    {
        var userId = UserManager.GetUserId(Context.User);
        await base.SignOutAsync();
        if (Guid.TryParse(userId, out var id))
        {
            await audit.RecordAsync(AuditKind.SignedOut, AuditSubjects.User, userId, actorUserId: id);
        }
    }
}

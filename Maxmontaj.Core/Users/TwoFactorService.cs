using System.Text;
using Maxmontaj.Core.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Core.Users;

/// <summary>The signed-in person's second factor: what they have, and the key to add to an authenticator app.</summary>
/// <param name="Enabled">Whether sign-in asks for a code.</param>
/// <param name="Required">Admins must have it; others may.</param>
/// <param name="RecoveryCodesLeft">Unused recovery codes.</param>
/// <param name="SharedKey">The key, in groups of four, to type into the app (only while not enabled).</param>
/// <param name="AuthenticatorUri">The same key as an <c>otpauth://</c> address, for the QR code (only while not enabled).</param>
public sealed record TwoFactorState(bool Enabled, bool Required, int RecoveryCodesLeft, string? SharedKey, string? AuthenticatorUri);

/// <summary>
/// TOTP second factor through Identity's authenticator support (the key and recovery codes live in AspNetUserTokens):
/// enrol with a code from the app, get recovery codes once, disable (never an admin), new recovery codes.
/// </summary>
public sealed class TwoFactorService(IServiceScopeFactory scopes, ICurrentUser currentUser, Audit.IAuditLog audit)
{
    public const string Issuer = "Maxmontaj";
    public const int RecoveryCodeCount = 10;

    /// <summary>Whether a person with these roles must have a second factor.</summary>
    public static bool IsRequiredFor(Func<string, bool> isInRole) => isInRole(Roles.Admin);

    /// <summary>The current state; while not enabled, a key is created if there is none yet, so the page can show it.</summary>
    public async Task<TwoFactorState> GetMineAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScopeFor(currentUser);
        var (users, user) = await MeAsync(scope);
        var required = IsRequiredFor(currentUser.IsInRole);
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            return new TwoFactorState(true, required, await users.CountRecoveryCodesAsync(user), null, null);
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Not ResetAuthenticatorKeyAsync: it renews the security stamp, which would end this very session (and its other
            // ones) merely for opening the page; a first key grants nothing until a code confirms it.
            var store = (IUserAuthenticatorKeyStore<ApplicationUser>)scope.ServiceProvider.GetRequiredService<IUserStore<ApplicationUser>>();
            key = users.GenerateNewAuthenticatorKey();
            await store.SetAuthenticatorKeyAsync(user, key, cancellationToken);
            await users.UpdateAsync(user);
        }

        var account = user.Email ?? user.PhoneNumber ?? user.UserName!;
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
        return new TwoFactorState(false, required, 0, Format(key!), uri);
    }

    /// <summary>Turns the second factor on once a code from the app proves the key was added; returns the recovery codes, shown once.</summary>
    public async Task<Result<IReadOnlyList<string>>> EnableAsync(string? code, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScopeFor(currentUser);
        var (users, user) = await MeAsync(scope);
        if (!await VerifyAsync(users, user, code))
        {
            return Result<IReadOnlyList<string>>.Failure(PasswordErrors.CodeInvalid);
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        await RecordAsync(Audit.AuditKind.TwoFactorEnabled, user, cancellationToken);
        return Result<IReadOnlyList<string>>.Success([.. codes!]);
    }

    /// <summary>Turns the second factor off with a current code; admins cannot. The key is replaced, so re-enrolling starts afresh.</summary>
    public async Task<Result> DisableAsync(string? code, CancellationToken cancellationToken = default)
    {
        if (IsRequiredFor(currentUser.IsInRole))
        {
            return Result.Failure(PasswordErrors.AdminsKeepTwoFactor);
        }

        await using var scope = scopes.CreateAsyncScopeFor(currentUser);
        var (users, user) = await MeAsync(scope);
        if (!await users.GetTwoFactorEnabledAsync(user) || !await VerifyAsync(users, user, code))
        {
            return Result.Failure(PasswordErrors.CodeInvalid);
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await RecordAsync(Audit.AuditKind.TwoFactorDisabled, user, cancellationToken);
        return Result.Success();
    }

    /// <summary>New recovery codes (the old ones stop working), with a current code from the app.</summary>
    public async Task<Result<IReadOnlyList<string>>> RegenerateRecoveryCodesAsync(string? code, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScopeFor(currentUser);
        var (users, user) = await MeAsync(scope);
        if (!await users.GetTwoFactorEnabledAsync(user) || !await VerifyAsync(users, user, code))
        {
            return Result<IReadOnlyList<string>>.Failure(PasswordErrors.CodeInvalid);
        }

        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        await RecordAsync(Audit.AuditKind.RecoveryCodesRenewed, user, cancellationToken);
        return Result<IReadOnlyList<string>>.Success([.. codes!]);
    }

    // A change to the second factor is a security event of the person's own account (never the key or a code).
    private Task RecordAsync(Audit.AuditKind kind, ApplicationUser user, CancellationToken cancellationToken) =>
        audit.RecordAsync(kind, Audit.AuditSubjects.User, user.Id.ToString(), actorUserId: user.Id, cancellationToken: cancellationToken);

    private static Task<bool> VerifyAsync(UserManager<ApplicationUser> users, ApplicationUser user, string? code)
    {
        var digits = (code ?? "").Replace(" ", "", StringComparison.Ordinal);
        return digits.Length == 6 && digits.All(char.IsAsciiDigit)
            ? users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits)
            : Task.FromResult(false);
    }

    private async Task<(UserManager<ApplicationUser> Users, ApplicationUser User)> MeAsync(AsyncServiceScope scope)
    {
        var id = currentUser.UserId ?? throw new ForbiddenAccessException();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(id.ToString()) ?? throw new NotFoundException("User", id);
        return (users, user);
    }

    private static string Format(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return text.ToString().TrimEnd().ToLowerInvariant();
    }
}

using Maxmontaj.Core.Common;
using Maxmontaj.Core.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Core.Users;

/// <summary>Passwords people manage themselves: a change in the profile, and a reset link for someone who forgot theirs.</summary>
public sealed class PasswordService(
    IServiceScopeFactory scopes, ICurrentUser currentUser, SignInLookup lookup, TimeProvider time, IPublicLinks links, INotificationSecrets secrets, Audit.IAuditLog audit)
{
    /// <summary>How long the stored reset message can still be sent; the token in it lives as long as Identity's tokens (a day).</summary>
    public static readonly TimeSpan ResetLinkSendWindow = TimeSpan.FromHours(1);

    /// <summary>
    /// Queues a reset link for the account with this email or phone, through the person's own channels. Unknown, deactivated
    /// or empty logins do nothing, and the caller answers the same either way.
    /// </summary>
    public async Task RequestResetAsync(string? login, CancellationToken cancellationToken = default)
    {
        if (await lookup.FindUserIdAsync(login, cancellationToken) is not { } id)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScopeFor(currentUser);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<IMaxmontajDb>();
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null || !user.IsActive)
        {
            return;
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = secrets.Seal(links.PasswordReset(user.Id, token), ResetLinkSendWindow);
        var now = time.GetUtcNow();
        Outbox.Enqueue(db, user.Id, "password", null, NotificationTexts.PasswordReset(link), $"password-reset:{user.Id:N}:{now.UtcTicks}", now);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Sets a new password with the token from a reset link; a wrong, used or expired token is refused.</summary>
    public async Task<Result> ResetAsync(Guid userId, string? token, string? newPassword, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScopeFor(currentUser);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || !user.IsActive || string.IsNullOrEmpty(token))
        {
            return Result.Failure(PasswordErrors.ResetInvalid);
        }

        if (string.IsNullOrEmpty(newPassword))
        {
            return Result.Failure(UserErrors.PasswordRequired);
        }

        // Identity renews the security stamp with the password: every open session of the account ends.
        var reset = await users.ResetPasswordAsync(user, token, newPassword);
        if (reset.Succeeded)
        {
            await users.ResetAccessFailedCountAsync(user);
            await audit.RecordAsync(Audit.AuditKind.PasswordReset, Audit.AuditSubjects.User, user.Id.ToString(),
                new Audit.AuditDetails().Set("By", "ResetLink"), actorUserId: user.Id, cancellationToken: cancellationToken);
        }

        return reset.Succeeded ? Result.Success()
            : Result.Failure([.. reset.Errors.Select(e => e.Code == "InvalidToken" ? PasswordErrors.ResetInvalid : UserErrors.Password(e.Code))]);
    }

    /// <summary>Changes the signed-in person's password; the security stamp changes with it, so their other sessions end.</summary>
    public async Task<Result> ChangeMineAsync(string? currentPassword, string? newPassword, CancellationToken cancellationToken = default)
    {
        var id = currentUser.UserId ?? throw new ForbiddenAccessException();
        if (string.IsNullOrEmpty(currentPassword) || string.IsNullOrEmpty(newPassword))
        {
            return Result.Failure(UserErrors.PasswordRequired);
        }

        await using var scope = scopes.CreateAsyncScopeFor(currentUser);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(id.ToString()) ?? throw new NotFoundException("User", id);
        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (changed.Succeeded)
        {
            await audit.RecordAsync(Audit.AuditKind.PasswordChanged, Audit.AuditSubjects.User, id.ToString(), actorUserId: id, cancellationToken: cancellationToken);
        }

        return changed.Succeeded ? Result.Success()
            : Result.Failure([.. changed.Errors.Select(e => e.Code == "PasswordMismatch" ? PasswordErrors.WrongCurrent : UserErrors.Password(e.Code))]);
    }
}

public static class PasswordErrors
{
    public static Error ResetInvalid => new("Password.ResetInvalid");
    public static Error WrongCurrent => new("Password.WrongCurrent", "CurrentPassword");
    public static Error CodeInvalid => new("TwoFactor.CodeInvalid", "Code");
    public static Error AdminsKeepTwoFactor => new("TwoFactor.RequiredForAdmins");
}

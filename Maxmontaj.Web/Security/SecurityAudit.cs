using Maxmontaj.Core.Audit;
using Maxmontaj.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace Maxmontaj.Web.Security;

/// <summary>
/// The sign-in events of the audit log, in one place so the sign-in code calls each with one line. A login that matches
/// no account is recorded without the text typed (it may be a password typed into the wrong field).
/// </summary>
public static class SecurityAudit
{
    /// <summary>A sign-in attempt for a login that matches no account.</summary>
    public static Task UnknownLoginAsync(IAuditLog audit) =>
        audit.RecordAsync(AuditKind.SignInFailed, AuditSubjects.User, null, new AuditDetails().Set("Reason", "UnknownLogin"));

    /// <summary>The outcome of a password check for a known account: success, failure, or the failure that locked it.</summary>
    public static Task SignInAsync(IAuditLog audit, ApplicationUser user, SignInResult result, bool wasLockedOut)
    {
        var subject = user.Id.ToString();
        if (result.Succeeded)
        {
            return audit.RecordAsync(AuditKind.SignInSucceeded, AuditSubjects.User, subject, actorUserId: user.Id);
        }

        if (result.RequiresTwoFactor)
        {
            return audit.RecordAsync(AuditKind.SignInSucceeded, AuditSubjects.User, subject,
                new AuditDetails().Set("Step", "PasswordOnly"), actorUserId: user.Id);
        }

        if (result.IsLockedOut && !wasLockedOut)
        {
            return audit.RecordAsync(AuditKind.LockedOut, AuditSubjects.User, subject);
        }

        var reason = result.IsLockedOut ? "LockedOut" : result.IsNotAllowed ? "NotAllowed" : "WrongPassword";
        return audit.RecordAsync(AuditKind.SignInFailed, AuditSubjects.User, subject, new AuditDetails().Set("Reason", reason));
    }

    /// <summary>A refused sign-in from the form: unknown logins without the text typed, known ones with the reason.</summary>
    public static Task FailedAsync(IAuditLog audit, ApplicationUser? user, string reason, bool lockedNow) =>
        user is null ? UnknownLoginAsync(audit)
            : audit.RecordAsync(lockedNow ? AuditKind.LockedOut : AuditKind.SignInFailed, AuditSubjects.User, user.Id.ToString(),
                new AuditDetails().Set("Reason", Code(reason)));

    // "wrong password" → "WrongPassword": the same reason codes as the rest of the log's details.
    private static string Code(string reason) =>
        string.Concat(reason.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}

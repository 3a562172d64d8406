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

    /// <summary>
    /// An accepted sign-in: complete, or its password step when a second factor follows. Refusals go to
    /// <see cref="FailedAsync"/>.
    /// </summary>
    public static Task SignInAsync(IAuditLog audit, ApplicationUser user, SignInResult result) =>
        result.RequiresTwoFactor
            ? audit.RecordAsync(AuditKind.SignInSucceeded, AuditSubjects.User, user.Id.ToString(),
                new AuditDetails().Set("Step", "PasswordOnly"), actorUserId: user.Id)
            : audit.RecordAsync(AuditKind.SignInSucceeded, AuditSubjects.User, user.Id.ToString(), actorUserId: user.Id);

    /// <summary>
    /// A refused sign-in: unknown logins without the text typed, known ones with the reason code the security log writes
    /// too ("WrongPassword", "SourceLocked", "NotAllowed", "AccountLocked", "WrongCode").
    /// </summary>
    public static Task FailedAsync(IAuditLog audit, ApplicationUser? user, string reason, bool lockedNow) =>
        user is null ? UnknownLoginAsync(audit)
            : audit.RecordAsync(lockedNow ? AuditKind.LockedOut : AuditKind.SignInFailed, AuditSubjects.User, user.Id.ToString(),
                new AuditDetails().Set("Reason", reason));
}

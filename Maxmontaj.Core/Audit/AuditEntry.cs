namespace Maxmontaj.Core.Audit;

/// <summary>
/// One line of the persisted audit log: who did what, when, from which address, to what, and what changed.
/// Written in the same unit of work as the change it describes (<see cref="IAuditLog.AddAsync"/>), so a rolled-back change
/// leaves no line; security events without a unit of work (sign-in) are saved on their own (<see cref="IAuditLog.RecordAsync"/>).
/// </summary>
public class AuditEntry
{
    public const int MaxActorName = 200;
    public const int MaxIp = 45;
    public const int MaxSubjectType = 40;
    public const int MaxSubjectId = 64;
    public const int MaxDetails = 2000;

    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The acting account, or null (an anonymous visitor, a failed sign-in, background work).</summary>
    public Guid? ActorUserId { get; set; }

    /// <summary>The actor's name when it happened: it stays readable after a rename or deletion.</summary>
    public string? ActorName { get; set; }

    /// <summary>The client address (forwarded by the proxy) of the request or circuit.</summary>
    public string? Ip { get; set; }

    public AuditKind Kind { get; set; }

    /// <summary>What the event is about: <see cref="AuditSubjects"/> (User, WorkType, ...).</summary>
    public string? SubjectType { get; set; }

    public string? SubjectId { get; set; }

    /// <summary>A short JSON object of what changed (field → {old, new}) or facts; never a password, token or link.</summary>
    public string? Details { get; set; }
}

/// <summary>The kinds of audited events, stored as strings.</summary>
public enum AuditKind
{
    SignInFailed,
    SignInSucceeded,
    SignedOut,
    LockedOut,
    UserCreated,
    UserUpdated,
    RoleChanged,
    PasswordReset,
    PasswordChanged,
    UserActivated,
    UserDeactivated,
    UserDeleted,
    WorkTypeChanged,
    ChecklistChanged,
    MessengerSettingsChanged,
    NotificationRetried,
    NotificationDiscarded,
    TestMessageSent,
    StatusLinkIssued,
    StatusLinkRevoked,
    InvitationIssued,
    ApplicationApproved,
    ApplicationRejected,
    TwoFactorEnabled,
    TwoFactorDisabled,
    RecoveryCodesRenewed,
}

/// <summary>The subject types the log names.</summary>
public static class AuditSubjects
{
    public const string User = nameof(User);
    public const string WorkType = nameof(WorkType);
    public const string ChecklistItem = nameof(ChecklistItem);
    public const string Notification = nameof(Notification);
    public const string Channel = nameof(Channel);
    public const string Order = nameof(Order);
    public const string Application = nameof(Application);
}

namespace Maxmontaj.Core.Audit;

/// <summary>Writes the audit log for the current user (<see cref="Common.ICurrentUser"/>) and client address (<see cref="IRequestOrigin"/>).</summary>
public interface IAuditLog
{
    /// <summary>
    /// Adds an entry to <paramref name="db"/>'s unit of work, like <c>Outbox.Enqueue</c>: it is saved by the caller's
    /// SaveChanges together with the change, and a change that fails or rolls back records nothing. Preferred.
    /// </summary>
    Task AddAsync(Common.IMaxmontajDb db, AuditKind kind, string? subjectType, string? subjectId, AuditDetails? details = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves an entry on its own, for events without a unit of work (sign-in failures, sign-out).
    /// <paramref name="actorUserId"/> overrides the current user (a sign-in acts before the user is current).
    /// </summary>
    Task RecordAsync(AuditKind kind, string? subjectType, string? subjectId, AuditDetails? details = null, Guid? actorUserId = null,
        CancellationToken cancellationToken = default);
}

/// <summary>Where the current request or circuit comes from. The web host implements it (forwarded client address).</summary>
public interface IRequestOrigin
{
    /// <summary>The client's IP address as text, or null when there is none (background work, tests without a host).</summary>
    string? ClientIp { get; }
}

/// <summary>The origin of work that has no client (background services, tools).</summary>
internal sealed class NoRequestOrigin : IRequestOrigin
{
    public string? ClientIp => null;
}

using Maxmontaj.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Audit;

/// <summary>The audit log writer (see <see cref="IAuditLog"/>).</summary>
internal sealed class AuditLog(IMaxmontajDbFactory dbFactory, ICurrentUser currentUser, IRequestOrigin origin, TimeProvider time) : IAuditLog
{
    public async Task AddAsync(IMaxmontajDb db, AuditKind kind, string? subjectType, string? subjectId, AuditDetails? details = null,
        CancellationToken cancellationToken = default) =>
        db.AuditEntries.Add(await NewEntryAsync(db, kind, currentUser.UserId, subjectType, subjectId, details, cancellationToken));

    public async Task RecordAsync(AuditKind kind, string? subjectType, string? subjectId, AuditDetails? details = null, Guid? actorUserId = null,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        db.AuditEntries.Add(await NewEntryAsync(db, kind, actorUserId ?? currentUser.UserId, subjectType, subjectId, details, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<AuditEntry> NewEntryAsync(IMaxmontajDb db, AuditKind kind, Guid? actor, string? subjectType, string? subjectId,
        AuditDetails? details, CancellationToken cancellationToken)
    {
        string? name = null;
        if (actor is { } id)
        {
            // A tracked user (the one being edited may be the actor) is read from memory; otherwise one small query.
            name = db.Users.Local.FirstOrDefault(u => u.Id == id)?.FullName
                ?? await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.FullName).FirstOrDefaultAsync(cancellationToken);
        }

        return new AuditEntry
        {
            At = time.GetUtcNow(),
            ActorUserId = actor,
            ActorName = Cut(name, AuditEntry.MaxActorName),
            Ip = Cut(origin.ClientIp, AuditEntry.MaxIp),
            Kind = kind,
            SubjectType = Cut(subjectType, AuditEntry.MaxSubjectType),
            SubjectId = Cut(subjectId, AuditEntry.MaxSubjectId),
            Details = details?.ToJson(),
        };
    }

    private static string? Cut(string? text, int max) => text is { Length: var length } && length > max ? text[..max] : text;
}

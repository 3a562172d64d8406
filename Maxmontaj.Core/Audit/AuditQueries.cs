using System.Text.Json;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Audit;

/// <summary>A search of the audit log: <see cref="From"/> and <see cref="To"/> are company days, both included. <see cref="After"/> is the keyset cursor: the last row of the previous page.</summary>
public sealed record AuditQuery(
    DateOnly? From = null,
    DateOnly? To = null,
    AuditKind? Kind = null,
    string? Actor = null,
    string? Subject = null,
    string? Ip = null,
    AuditCursor? After = null,
    int PageSize = 50);

/// <summary>A position in the newest-first order (At, Id).</summary>
public sealed record AuditCursor(DateTimeOffset At, long Id);

/// <summary>A row of the audit page. <see cref="Changes"/> are plain text lines made from the details (rendered as text).</summary>
public sealed record AuditRow(
    long Id,
    DateTimeOffset At,
    AuditKind Kind,
    Guid? ActorUserId,
    string? ActorName,
    string? Ip,
    string? SubjectType,
    string? SubjectId,
    IReadOnlyList<string> Changes);

/// <summary>One page of rows, newest first, and the cursor of the next page (null on the last page).</summary>
public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, AuditCursor? Next);

/// <summary>Searches the audit log for the admin page: filters, keyset paging on (At, Id), newest first. Admins only.</summary>
public sealed class AuditQueries(IMaxmontajDbFactory dbFactory, ICurrentUser currentUser, CompanyCalendar calendar)
{
    public const int MaxPageSize = 200;

    public async Task<AuditPage> SearchAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        if (!currentUser.IsInRole(Roles.Admin))
        {
            throw new ForbiddenAccessException();
        }

        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var entries = db.AuditEntries.AsNoTracking();
        if (query.From is { } fromDay)
        {
            var from = calendar.DayBounds(fromDay).Start;
            entries = entries.Where(e => e.At >= from);
        }

        if (query.To is { } toDay)
        {
            var to = calendar.DayBounds(toDay).End;
            entries = entries.Where(e => e.At < to);
        }

        if (query.Kind is { } kind)
        {
            entries = entries.Where(e => e.Kind == kind);
        }

        if (Text(query.Actor) is { } actor)
        {
            entries = Guid.TryParse(actor, out var actorId)
                ? entries.Where(e => e.ActorUserId == actorId)
                : entries.Where(e => e.ActorName != null && e.ActorName.Contains(actor));
        }

        if (Text(query.Subject) is { } subject)
        {
            entries = entries.Where(e => e.SubjectId == subject || (e.SubjectType != null && e.SubjectType == subject)
                || (e.Details != null && e.Details.Contains(subject)));
        }

        if (Text(query.Ip) is { } ip)
        {
            entries = entries.Where(e => e.Ip != null && e.Ip.StartsWith(ip));
        }

        if (query.After is { } after)
        {
            entries = entries.Where(e => e.At < after.At || (e.At == after.At && e.Id < after.Id));
        }

        var page = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(size + 1).ToListAsync(cancellationToken);
        var rows = page.Take(size)
            .Select(e => new AuditRow(e.Id, e.At, e.Kind, e.ActorUserId, e.ActorName, e.Ip, e.SubjectType, e.SubjectId, Lines(e.Details)))
            .ToList();
        return new AuditPage(rows, page.Count > size ? new AuditCursor(rows[^1].At, rows[^1].Id) : null);
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>"Field: old → new" for changes and "Field: value" for facts; unreadable details are shown as they are.</summary>
    internal static IReadOnlyList<string> Lines(string? details)
    {
        if (string.IsNullOrEmpty(details))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(details);
            return document.RootElement.EnumerateObject().Select(p =>
                p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("old", out var old) && p.Value.TryGetProperty("new", out var @new)
                    ? $"{p.Name}: {Value(old)} → {Value(@new)}"
                    : $"{p.Name}: {Value(p.Value)}").ToList();
        }
        catch (JsonException)
        {
            return [details];
        }
    }

    private static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "—",
        JsonValueKind.String => value.GetString() is { Length: > 0 } text ? text : "—",
        _ => value.GetRawText(),
    };
}

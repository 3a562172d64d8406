using Maxmontaj.Core.Common;
using Maxmontaj.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Notifications;

/// <summary>A channel's last results from the database, and its circuit breaker in this process (<see cref="ChannelHealth"/>).</summary>
public sealed record ChannelStatus(string Channel, DateTimeOffset? LastSuccess, DateTimeOffset? LastFailure, string? LastError, BreakerView? Breaker = null);

/// <summary>A queued channel test: which channel and which of the admin's own addresses it goes to.</summary>
public sealed record TestQueued(long NotificationId, string Channel, string Address);

public sealed record DeliveryRow(long Id, string Kind, string Recipient, NotificationStatus Status, string? DeliveredVia, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? SentAt, IReadOnlyList<string> Attempts);

/// <summary>The admins' view of the outbox: channel health, the delivery log, and the failed queue with retry and discard.</summary>
public sealed class NotificationAdminService(IMaxmontajDbFactory dbFactory, ICurrentUser currentUser, OutboxDispatcher dispatcher, TimeProvider time, Audit.IAuditLog audit,
    CompanyCalendar calendar, ChannelHealth health)
{
    public async Task<IReadOnlyList<ChannelStatus>> ChannelsAsync(IEnumerable<string> channels, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var result = new List<ChannelStatus>();
        foreach (var channel in channels)
        {
            var success = await db.NotificationAttempts.Where(a => a.Channel == channel && a.Succeeded).MaxAsync(a => (DateTimeOffset?)a.At, cancellationToken);
            var failure = await db.NotificationAttempts.Where(a => a.Channel == channel && !a.Succeeded).OrderByDescending(a => a.At)
                .Select(a => new { a.At, a.Error }).FirstOrDefaultAsync(cancellationToken);
            result.Add(new ChannelStatus(channel, success, failure?.At, failure?.Error, health.Breakers([channel])[0]));
        }

        return result;
    }

    public async Task<IReadOnlyList<DeliveryRow>> LogAsync(NotificationStatus? status, string? search, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var rows = db.Notifications.AsNoTracking();
        if (status is { } s)
        {
            rows = rows.Where(n => n.Status == s);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            rows = rows.Where(n => n.Text.Contains(text) || n.Kind == text);
        }

        var page = await rows.OrderByDescending(n => n.Id).Take(200).ToListAsync(cancellationToken);
        var ids = page.Select(n => n.Id).ToList();
        var attempts = await db.NotificationAttempts.AsNoTracking().Where(a => ids.Contains(a.NotificationId)).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var users = page.Select(n => n.UserId).Distinct().ToList();
        var names = await db.Users.Where(u => users.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);
        return page.Select(n => new DeliveryRow(n.Id, n.Kind, n.DirectAddress ?? names.GetValueOrDefault(n.UserId, "?"), n.Status, n.DeliveredVia, n.LastError,
                n.CreatedAt, n.SentAt,
                attempts.Where(a => a.NotificationId == n.Id).Select(a => $"{a.Channel} {(a.Succeeded ? "✓" : "✗")} {a.Error}").ToList()))
            .ToList();
    }

    public async Task<Result> RetryAsync(long id, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        var result = await dispatcher.RetryAsync(id, cancellationToken);
        if (result.Succeeded)
        {
            // The dispatcher saves the retry in its own unit of work; the entry follows it.
            await audit.RecordAsync(Audit.AuditKind.NotificationRetried, Audit.AuditSubjects.Notification, id.ToString(), cancellationToken: cancellationToken);
        }

        return result;
    }

    public async Task<Result> DiscardAsync(long id, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id, cancellationToken) ?? throw new NotFoundException("Notification", id);
        if (notification.Status != NotificationStatus.Failed)
        {
            return Result.Failure(new Error("Notification.NotFailed"));
        }

        notification.Status = NotificationStatus.Discarded;
        await audit.AddAsync(db, Audit.AuditKind.NotificationDiscarded, Audit.AuditSubjects.Notification, id.ToString(),
            new Audit.AuditDetails().Set("Kind", notification.Kind).Set("UserId", notification.UserId), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }

    /// <summary>
    /// Queues a test message to the admin themselves through the named channel only (never another channel instead), to the
    /// address in their own profile; without one the result says which is missing. The text carries company (Moscow) time.
    /// </summary>
    public async Task<Result<TestQueued>> TestAsync(string channel, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = currentUser.UserId!.Value;
        var profile = await db.Users.Where(u => u.Id == me).Select(u => new { u.Email, u.PhoneNumber, u.TelegramChatId }).SingleAsync(cancellationToken);
        var address = channel switch
        {
            "Telegram" => profile.TelegramChatId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "WhatsApp" => profile.PhoneNumber,
            "Email" => profile.Email,
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(address))
        {
            return Result<TestQueued>.Failure(new Error($"Notifications.Admin.No{channel}Address"));
        }

        var now = time.GetUtcNow();
        Outbox.EnqueueDirect(db, channel, address, "test", NotificationTexts.ChannelTest(channel, calendar.ToLocal(now)), $"test:{channel}:{me:N}:{now.UtcTicks}", now, me);
        var notification = db.Notifications.Local.Last();
        await audit.AddAsync(db, Audit.AuditKind.TestMessageSent, Audit.AuditSubjects.Channel, channel, null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new TestQueued(notification.Id, channel, address);
    }

    private void RequireAdmin()
    {
        if (!currentUser.IsInRole(Roles.Admin))
        {
            throw new ForbiddenAccessException();
        }
    }
}

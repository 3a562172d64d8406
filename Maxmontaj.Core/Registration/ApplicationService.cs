using Maxmontaj.Core.Common;
using Maxmontaj.Core.Notifications;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Core.Registration;

public sealed record ApplicationRow(Guid Id, string Channel, ApplicationStatus Status, string? FullName, string? Phone, IReadOnlyList<string> Skills,
    string? District, string? Source, DateTimeOffset? SubmittedAt);

/// <summary>The dispatchers' queue of contractors' applications: approve (an executor account and a one-time sign-in link) or reject.</summary>
public sealed class ApplicationService(IServiceScopeFactory scopes, IMaxmontajDbFactory dbFactory, ICurrentUser currentUser, TimeProvider time, IPublicLinks links, Audit.IAuditLog audit, INotificationSecrets secrets)
{
    public async Task<IReadOnlyList<ApplicationRow>> ListAsync(ApplicationStatus status = ApplicationStatus.Submitted, CancellationToken cancellationToken = default)
    {
        OrderAccess.RequireOffice(currentUser);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var names = await db.WorkTypes.ToDictionaryAsync(w => w.Id, w => w.Name, cancellationToken);
        var rows = await db.ExecutorApplications.AsNoTracking().Where(a => a.Status == status)
            .OrderByDescending(a => a.SubmittedAt).Take(200).ToListAsync(cancellationToken);
        return rows.Select(a => new ApplicationRow(a.Id, a.Channel, a.Status, a.FullName, a.Phone,
                (a.SkillIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(id => names.GetValueOrDefault(int.Parse(id), "?")).ToList(),
                a.District, a.Source, a.SubmittedAt))
            .ToList();
    }

    /// <summary>Creates the executor's account and sends the applicant a one-time link to set a password; returns that (absolute) link.</summary>
    public async Task<Result<string>> ApproveAsync(Guid id, CancellationToken cancellationToken = default)
    {
        OrderAccess.RequireOffice(currentUser);
        await using var scope = scopes.CreateAsyncScopeFor(currentUser);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<IMaxmontajDb>();
        var application = await db.ExecutorApplications.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new NotFoundException("Application", id);
        if (application.Status != ApplicationStatus.Submitted)
        {
            return Result<string>.Failure(new Error("Application.NotPending"));
        }

        if (await db.Users.AnyAsync(u => u.PhoneNumber == application.Phone, cancellationToken))
        {
            return Result<string>.Failure(UserErrors.PhoneTaken);
        }

        var user = new ApplicationUser
        {
            Id = Guid.CreateVersion7(),
            FullName = application.FullName!,
            NormalizedFullName = application.FullName!.ToUpperInvariant(),
            PhoneNumber = application.Phone,
            District = application.District,
            TelegramChatId = application.Channel == "Telegram" && long.TryParse(application.ExternalId, out var chat) ? chat : null,
        };
        user.UserName = user.Id.ToString("N");
        user.Skills = (application.SkillIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => new UserSkill { UserId = user.Id, WorkTypeId = int.Parse(s) }).ToList();
        var role = await db.Roles.Where(r => r.Name == Roles.Executor).Select(r => r.Id).SingleAsync(cancellationToken);
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = role });
        (application.Status, application.DecidedAt, application.DecidedBy, application.UserId) =
            (ApplicationStatus.Approved, time.GetUtcNow(), currentUser.UserId, user.Id);
        var created = await users.CreateAsync(user, $"App-{Guid.NewGuid():N}");
        if (!created.Succeeded)
        {
            return Result<string>.Failure([.. created.Errors.Select(e => UserErrors.Password(e.Code))]);
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = links.Invitation(user.Id, token);
        Outbox.EnqueueDirect(db, application.Channel, application.ExternalId, "registration", BotTexts.Approved(secrets.Seal(link, OneTimeLinks.SendWindow)), $"application:{id}:approved", time.GetUtcNow());
        await audit.AddAsync(db, Audit.AuditKind.ApplicationApproved, Audit.AuditSubjects.Application, id.ToString(),
            new Audit.AuditDetails().Set("UserId", user.Id).Set("FullName", user.FullName), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return link;
    }

    public async Task<Result> RejectAsync(Guid id, string? reason, CancellationToken cancellationToken = default)
    {
        OrderAccess.RequireOffice(currentUser);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var application = await db.ExecutorApplications.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new NotFoundException("Application", id);
        if (application.Status != ApplicationStatus.Submitted)
        {
            return Result.Failure(new Error("Application.NotPending"));
        }

        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        (application.Status, application.DecidedAt, application.DecidedBy, application.RejectReason) =
            (ApplicationStatus.Rejected, time.GetUtcNow(), currentUser.UserId, reason?.Length > 500 ? reason[..500] : reason);
        Outbox.EnqueueDirect(db, application.Channel, application.ExternalId, "registration", BotTexts.Rejected(reason), $"application:{id}:rejected", time.GetUtcNow());
        await audit.AddAsync(db, Audit.AuditKind.ApplicationRejected, Audit.AuditSubjects.Application, id.ToString(),
            new Audit.AuditDetails().Set("FullName", application.FullName).Set("Reason", application.RejectReason), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}

using Maxmontaj.Core.Audit;
using Maxmontaj.Core.Customers;
using Maxmontaj.Core.Notifications;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Registration;
using Maxmontaj.Core.Reports;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Tests.Data;

/// <summary>
/// The persisted audit log against a real database: each audited action writes one entry with the actor, the client address,
/// the subject and a diff without secrets, in the same unit of work as the change; search and retention.
/// </summary>
public abstract class AuditLogTests : OrderTestBase
{
    private const string ClientIp = "203.0.113.7";

    private Guid _adminId;

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IRequestOrigin>(new FixedOrigin(ClientIp));

    private sealed class FixedOrigin(string ip) : IRequestOrigin
    {
        public string? ClientIp => ip;
    }

    /// <summary>Acts as the seeded admin (a real account, so the entry can snapshot the name).</summary>
    private async Task AsAdminAsync()
    {
        await using (var db = Db.NewContext())
        {
            _adminId = await db.Users.Where(u => u.Email == TestDatabase.AdminEmail).Select(u => u.Id).SingleAsync();
        }

        As(_adminId, Roles.Admin);
    }

    private async Task<List<AuditEntry>> EntriesAsync()
    {
        await using var db = Db.NewContext();
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

        private void AssertFromAdmin(AuditEntry entry)
    {
        Assert.Equal(_adminId, entry.ActorUserId);
        Assert.Equal("Администратор", entry.ActorName);
        Assert.Equal(ClientIp, entry.Ip);
        Assert.Equal(Db.Time.GetUtcNow(), entry.At);
    }

    [Fact]
    public async Task Own_password_and_second_factor_changes_are_recorded_for_the_person_without_secrets()
    {
        await AsAdminAsync();
        var id = (await Db.Get<UserAdministrationService>().CreateAsync(new UserEditModel
        {
            FullName = "Дина Диспетчер", Email = "dina@example.ru", Roles = [Roles.Dispatcher], Password = "Secret-Pass-123",
        })).Value;
        As(id, Roles.Dispatcher);

        Assert.True((await Db.Get<PasswordService>().ChangeMineAsync("Secret-Pass-123", "Another-Secret-2026")).Succeeded);
        var twoFactor = Db.Get<TwoFactorService>();
        await twoFactor.GetMineAsync();
        string code;
        await using (var scope = Db.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Maxmontaj.Core.Users.ApplicationUser>>();
            var user = await users.FindByIdAsync(id.ToString());
            // The code the person's authenticator app shows now for the key the enrolment page gave them.
            code = Totp.Code((await users.GetAuthenticatorKeyAsync(user!))!);
        }

        Assert.True((await twoFactor.EnableAsync(code)).Succeeded);

        var mine = (await EntriesAsync()).Where(e => e.ActorUserId == id).ToList();
        Assert.Equal([AuditKind.PasswordChanged, AuditKind.TwoFactorEnabled], mine.Select(e => e.Kind));
        Assert.All(mine, e =>
        {
            Assert.Equal((AuditSubjects.User, id.ToString(), ClientIp), (e.SubjectType, e.SubjectId, e.Ip));
            Assert.DoesNotContain("Secret", e.Details ?? "");
            Assert.DoesNotContain(code, e.Details ?? "");
        });
    }

    [Fact]
    public async Task User_administration_records_who_from_where_what_and_never_the_password()
    {
        await AsAdminAsync();
        var admin = Db.Get<UserAdministrationService>();
        var created = await admin.CreateAsync(new UserEditModel
        {
            FullName = "Иван Петров", Email = "ivan@example.ru", Roles = [Roles.Executor], Password = "Created-Secret-1",
        });
        var id = created.Value;
        var updated = await admin.UpdateAsync(id, new UserEditModel
        {
            FullName = "Иван Петрович", Email = "ivan@example.ru", Roles = [Roles.Executor, Roles.Specialist],
        });
        var reset = await admin.ResetPasswordAsync(id, "Reset-Secret-2");
        await admin.SetActiveAsync(id, false);
        await admin.SetActiveAsync(id, true);
        var deleted = await admin.DeleteAsync(id);

        Assert.True(created.Succeeded && updated.Succeeded && reset.Succeeded && deleted.Succeeded);
        var entries = await EntriesAsync();
        Assert.Equal(
            [AuditKind.UserCreated, AuditKind.UserUpdated, AuditKind.RoleChanged, AuditKind.PasswordReset,
             AuditKind.UserDeactivated, AuditKind.UserActivated, AuditKind.UserDeleted],
            entries.Select(e => e.Kind));
        Assert.All(entries, AssertFromAdmin);
        Assert.All(entries, e => Assert.Equal((AuditSubjects.User, id.ToString()), (e.SubjectType, e.SubjectId)));
        var edit = entries.Single(e => e.Kind == AuditKind.UserUpdated);
        Assert.Equal(["FullName: Иван Петров → Иван Петрович"], AuditQueries.Lines(edit.Details));
        Assert.Equal([$"Roles: {Roles.Executor} → {AuditDetails.List([Roles.Executor, Roles.Specialist])}"],
            AuditQueries.Lines(entries.Single(e => e.Kind == AuditKind.RoleChanged).Details));
        Assert.All(entries, e => Assert.DoesNotContain("Secret", e.Details ?? ""));
    }

    [Fact]
    public async Task A_change_that_is_refused_or_rolled_back_records_nothing()
    {
        await AsAdminAsync();
        var admin = Db.Get<UserAdministrationService>();
        var id = (await admin.CreateAsync(new UserEditModel { FullName = "Иван", Email = "i@example.ru", Roles = [Roles.Executor], Password = "Secret-Pass-123" })).Value;
        var before = (await EntriesAsync()).Count;

        // Identity refuses the password: the user is not saved, and neither is the entry.
        var weak = await admin.CreateAsync(new UserEditModel { FullName = "Пётр", Email = "p@example.ru", Roles = [Roles.Executor], Password = "x" });
        // The save fails at the database: the edit and its entry roll back together.
        Db.BeforeSave = _ => throw new DbUpdateException("stop");
        await Assert.ThrowsAsync<DbUpdateException>(() => admin.UpdateAsync(id, new UserEditModel { FullName = "Иван Другой", Email = "i@example.ru", Roles = [Roles.Executor] }));
        await Assert.ThrowsAsync<DbUpdateException>(() => Db.Get<WorkTypeService>().RenameAsync(1, "Новое имя"));
        Db.BeforeSave = null;

        Assert.False(weak.Succeeded);
        Assert.Equal(before, (await EntriesAsync()).Count);
    }

    [Fact]
    public async Task Work_type_and_checklist_changes_are_recorded_with_old_and_new_values()
    {
        await AsAdminAsync();
        var workTypes = Db.Get<WorkTypeService>();
        var checklists = Db.Get<ChecklistService>();
        var oldName = (await workTypes.ListAsync()).Single(w => w.Id == 1).Name;

        await workTypes.RenameAsync(1, "Окна ПВХ");
        await workTypes.SetActiveAsync(1, false);
        var item = (await checklists.AddAsync(1, "Подоконник выровнен", requiresPhoto: false)).Value;
        await checklists.UpdateAsync(item, requiresPhoto: true, isActive: true);

        var entries = await EntriesAsync();
        Assert.Equal([AuditKind.WorkTypeChanged, AuditKind.WorkTypeChanged, AuditKind.ChecklistChanged, AuditKind.ChecklistChanged], entries.Select(e => e.Kind));
        Assert.All(entries, AssertFromAdmin);
        Assert.Equal([$"Name: {oldName} → Окна ПВХ"], AuditQueries.Lines(entries[0].Details));
        Assert.Contains("IsActive: true → false", AuditQueries.Lines(entries[1].Details));
        Assert.Equal((AuditSubjects.ChecklistItem, item.ToString()), (entries[3].SubjectType, entries[3].SubjectId));
        Assert.Contains("RequiresPhoto: false → true", AuditQueries.Lines(entries[3].Details));
    }

    [Fact]
    public async Task Status_links_invitations_and_applications_are_recorded_without_tokens()
    {
        await AsAdminAsync();
        var order = await CreateOrderAsync(NewOrder());
        var links = Db.Get<StatusLinkService>();
        var token = await links.CreateAsync(order);
        await links.RevokeAsync(order);
        var invitation = await Db.Get<CustomerAccountService>().InviteOrderCustomerAsync(order);
        var application = Guid.NewGuid();
        var refused = Guid.NewGuid();
        await using (var db = Db.NewContext())
        {
            foreach (var (id, phone) in new[] { (application, "+79161234567"), (refused, "+79161234568") })
            {
                db.ExecutorApplications.Add(new ExecutorApplication
                {
                    Id = id, Channel = "Telegram", ExternalId = phone[^7..], Status = ApplicationStatus.Submitted, Step = ApplicationStep.Done,
                    FullName = "Иван Подрядчиков", Phone = phone, SkillIds = "1", CreatedAt = Db.Time.GetUtcNow(), SubmittedAt = Db.Time.GetUtcNow(),
                });
            }

            await db.SaveChangesAsync();
        }

        var approved = await Db.Get<ApplicationService>().ApproveAsync(application);
        var rejected = await Db.Get<ApplicationService>().RejectAsync(refused, "Нет опыта");

        Assert.True(invitation.Succeeded && approved.Succeeded && rejected.Succeeded);
        var entries = (await EntriesAsync()).Where(e => e.Kind != AuditKind.UserCreated).ToList();
        Assert.Equal(
            [AuditKind.StatusLinkIssued, AuditKind.StatusLinkRevoked, AuditKind.InvitationIssued, AuditKind.ApplicationApproved, AuditKind.ApplicationRejected],
            entries.Select(e => e.Kind));
        Assert.Contains("Reason: Нет опыта", AuditQueries.Lines(entries[4].Details));
        Assert.All(entries, AssertFromAdmin);
        Assert.Equal(order.ToString(), entries[0].SubjectId);
        Assert.Equal(invitation.Value!.UserId.ToString(), entries[2].SubjectId);
        Assert.Equal(application.ToString(), entries[3].SubjectId);
        var inviteToken = invitation.Value!.Token;
        Assert.All(entries, e =>
        {
            Assert.DoesNotContain(token, e.Details ?? "");
            Assert.DoesNotContain(inviteToken, e.Details ?? "");
            Assert.DoesNotContain("http", e.Details ?? "");
        });
    }

    [Fact]
    public async Task Channel_tests_and_discarded_notifications_are_recorded()
    {
        await AsAdminAsync();
        var notifications = Db.Get<NotificationAdminService>();
        // The admin has an email and no linked chat: the test goes to the email in their profile.
        var test = (await notifications.TestAsync("Email")).Value!.NotificationId;
        await using (var db = Db.NewContext())
        {
            await db.Notifications.Where(n => n.Id == test).ExecuteUpdateAsync(s => s.SetProperty(n => n.Status, NotificationStatus.Failed));
        }

        await notifications.DiscardAsync(test);

        var entries = await EntriesAsync();
        Assert.Equal([AuditKind.TestMessageSent, AuditKind.NotificationDiscarded], entries.Select(e => e.Kind));
        Assert.All(entries, AssertFromAdmin);
        Assert.Equal((AuditSubjects.Channel, "Email"), (entries[0].SubjectType, entries[0].SubjectId));
        Assert.Equal(test.ToString(), entries[1].SubjectId);
    }

    [Fact]
    public async Task The_search_filters_by_kind_and_pages_newest_first_by_keyset()
    {
        await AsAdminAsync();
        var audit = Db.Get<IAuditLog>();
        for (var i = 0; i < 5; i++)
        {
            await audit.RecordAsync(AuditKind.SignInFailed, AuditSubjects.User, $"u{i}");
            await audit.RecordAsync(AuditKind.SignedOut, AuditSubjects.User, $"u{i}");
            Db.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var queries = Db.Get<AuditQueries>();
        var first = await queries.SearchAsync(new AuditQuery(Kind: AuditKind.SignInFailed, PageSize: 2));
        var second = await queries.SearchAsync(new AuditQuery(Kind: AuditKind.SignInFailed, After: first.Next, PageSize: 2));
        var third = await queries.SearchAsync(new AuditQuery(Kind: AuditKind.SignInFailed, After: second.Next, PageSize: 2));
        var byIp = await queries.SearchAsync(new AuditQuery(Ip: "198.51."));
        As(Guid.NewGuid(), Roles.Dispatcher);

        Assert.Equal(["u4", "u3", "u2", "u1", "u0"], first.Rows.Concat(second.Rows).Concat(third.Rows).Select(r => r.SubjectId));
        Assert.All(first.Rows.Concat(second.Rows).Concat(third.Rows), r => Assert.Equal(AuditKind.SignInFailed, r.Kind));
        Assert.Null(third.Next);
        Assert.Empty(byIp.Rows);
        await Assert.ThrowsAsync<Maxmontaj.Core.Common.ForbiddenAccessException>(() => queries.SearchAsync(new AuditQuery()));
    }

    [Fact]
    public async Task Retention_deletes_entries_older_than_the_period_in_batches_and_keeps_the_rest()
    {
        var audit = Db.Get<IAuditLog>();
        await audit.RecordAsync(AuditKind.SignInFailed, AuditSubjects.User, "old-1");
        await audit.RecordAsync(AuditKind.SignInFailed, AuditSubjects.User, "old-2");
        await audit.RecordAsync(AuditKind.SignInFailed, AuditSubjects.User, "old-3");
        Db.Time.Advance(TimeSpan.FromDays(20));
        await audit.RecordAsync(AuditKind.SignInFailed, AuditSubjects.User, "recent");
        Db.Time.Advance(TimeSpan.FromDays(15));

        var deleted = await Db.Get<AuditRetention>().PurgeAsync(retentionDays: 30, batchSize: 2);

        Assert.Equal(3, deleted);
        Assert.Equal(["recent"], (await EntriesAsync()).Select(e => e.SubjectId));
    }
}

[Trait("Category", "Sqlite")]
public sealed class AuditLogTests_Sqlite : AuditLogTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class AuditLogTests_MariaDb : AuditLogTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

using Maxmontaj.Core.Common;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Tests.Data;

/// <summary>User management rules against a real database: who may manage whom, validation, and nothing half-saved.</summary>
public abstract class UserAdministrationTests : DatabaseTest
{
    private static readonly Guid AdminActor = Guid.NewGuid();
    private static readonly Guid DispatcherActor = Guid.NewGuid();

    private UserAdministrationService Admin => Db.Get<UserAdministrationService>();
    private UserDirectory Directory => Db.Get<UserDirectory>();

    private static UserEditModel NewUser(string role, string? email = null, string? phone = null, string name = "Иван Петров") => new()
    {
        FullName = name,
        Email = email,
        PhoneNumber = phone,
        Roles = [role],
        Password = "Secret-Pass-123",
    };

    private async Task<Guid> CreateAsAdminAsync(UserEditModel model)
    {
        Db.CurrentUser.As(AdminActor, Roles.Admin);
        var result = await Admin.CreateAsync(model);
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Code)));
        return result.Value;
    }

    [Fact]
    public async Task Admin_creates_a_user_with_normalised_phone_roles_skills_and_audit_stamps()
    {
        var model = NewUser(Roles.Executor, "ivan@example.ru", "8 (910) 123-45-67");
        model.SkillIds = [1, 3];
        model.District = "Северный";

        var id = await CreateAsAdminAsync(model);

        await using var context = Db.NewContext();
        var user = await context.Users.Include(u => u.Skills).SingleAsync(u => u.Id == id);
        Assert.Equal("+79101234567", user.PhoneNumber);
        Assert.Equal([1, 3], user.Skills.Select(s => s.WorkTypeId).Order());
        Assert.Equal(AdminActor, user.CreatedBy);
        Assert.Equal(Db.Time.GetUtcNow(), user.CreatedAt);
        var details = await Directory.GetAsync(id);
        Assert.Equal([Roles.Executor], details.Roles);
        Assert.Equal("Северный", details.District);
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Dispatcher)]
    public async Task Dispatcher_cannot_create_admin_or_dispatcher_accounts_and_nothing_is_saved(string role)
    {
        Db.CurrentUser.As(DispatcherActor, Roles.Dispatcher);

        var result = await Admin.CreateAsync(NewUser(role, "boss@example.ru"));

        Assert.Contains(UserErrors.RoleNotAllowed, result.Errors);
        await using var context = Db.NewContext();
        Assert.False(await context.Users.AnyAsync(u => u.NormalizedEmail == "BOSS@EXAMPLE.RU"));
    }

    [Fact]
    public async Task Dispatcher_creates_executors_and_customers()
    {
        Db.CurrentUser.As(DispatcherActor, Roles.Dispatcher);

        var executor = await Admin.CreateAsync(NewUser(Roles.Executor, phone: "+7 910 1234567"));
        var customer = await Admin.CreateAsync(NewUser(Roles.Customer, "client@example.ru"));

        Assert.True(executor.Succeeded);
        Assert.True(customer.Succeeded);
    }

    [Fact]
    public async Task Dispatcher_neither_sees_nor_opens_admin_and_dispatcher_accounts()
    {
        var dispatcherId = await CreateAsAdminAsync(NewUser(Roles.Dispatcher, "disp@example.ru", name: "Диспетчер Один"));
        var otherDispatcherId = await CreateAsAdminAsync(NewUser(Roles.Dispatcher, "disp2@example.ru", name: "Диспетчер Два"));
        var executorId = await CreateAsAdminAsync(NewUser(Roles.Executor, "exec@example.ru", name: "Исполнитель Один"));
        Db.CurrentUser.As(dispatcherId, Roles.Dispatcher);

        var page = await Directory.ListAsync(new UserListQuery());
        var adminSearch = await Directory.ListAsync(new UserListQuery(Search: "admin"));

        Assert.Equal([executorId], page.Items.Select(u => u.Id));
        Assert.Equal(1, page.TotalCount);
        Assert.Empty(adminSearch.Items);
        await Assert.ThrowsAsync<NotFoundException>(() => Directory.GetAsync(otherDispatcherId));
        await Assert.ThrowsAsync<NotFoundException>(() => Admin.SetActiveAsync(otherDispatcherId, false));
        await Assert.ThrowsAsync<NotFoundException>(() => Admin.ResetPasswordAsync(otherDispatcherId, "Another-Pass-123"));
        await Assert.ThrowsAsync<NotFoundException>(() => Admin.DeleteAsync(otherDispatcherId));
    }

    [Fact]
    public async Task Dispatcher_cannot_promote_an_executor_to_admin()
    {
        var executorId = await CreateAsAdminAsync(NewUser(Roles.Executor, "exec@example.ru"));
        Db.CurrentUser.As(DispatcherActor, Roles.Dispatcher);
        var model = NewUser(Roles.Executor, "exec@example.ru");
        model.Roles = [Roles.Executor, Roles.Admin];

        var result = await Admin.UpdateAsync(executorId, model);

        Assert.Contains(UserErrors.RoleNotAllowed, result.Errors);
        Db.CurrentUser.As(AdminActor, Roles.Admin);
        Assert.Equal([Roles.Executor], (await Directory.GetAsync(executorId)).Roles);
    }

    [Fact]
    public async Task Users_without_a_management_role_are_refused()
    {
        Db.CurrentUser.As(Guid.NewGuid(), Roles.Executor);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Directory.ListAsync(new UserListQuery()));
        var result = await Admin.CreateAsync(NewUser(Roles.Customer, "c@example.ru"));
        Assert.Contains(UserErrors.RoleNotAllowed, result.Errors);
    }

    [Fact]
    public async Task Duplicate_email_or_phone_in_another_format_is_refused_and_nothing_is_saved()
    {
        await CreateAsAdminAsync(NewUser(Roles.Customer, "anna@example.ru", "+7 910 123-45-67"));

        var sameEmail = await Admin.CreateAsync(NewUser(Roles.Customer, "ANNA@example.ru", name: "Другая Анна"));
        var samePhone = await Admin.CreateAsync(NewUser(Roles.Customer, "other@example.ru", "89101234567", name: "Другая Анна"));

        Assert.Contains(UserErrors.EmailTaken, sameEmail.Errors);
        Assert.Contains(UserErrors.PhoneTaken, samePhone.Errors);
        await using var context = Db.NewContext();
        Assert.Equal(0, await context.Users.CountAsync(u => u.FullName == "Другая Анна"));
    }

    [Fact]
    public async Task Invalid_fields_are_reported_field_by_field()
    {
        Db.CurrentUser.As(AdminActor, Roles.Admin);
        var model = new UserEditModel { FullName = " ", Email = "not-an-email", PhoneNumber = "12", Roles = [], Password = "" };

        var result = await Admin.CreateAsync(model);

        Assert.Equal(
            new[] { UserErrors.FullNameRequired, UserErrors.EmailInvalid, UserErrors.PhoneInvalid, UserErrors.RoleRequired, UserErrors.PasswordRequired }
                .Select(e => e.Field).Order(),
            result.Errors.Select(e => e.Field).Order());
    }

    [Fact]
    public async Task A_weak_password_is_refused_with_identity_codes_and_nothing_is_saved()
    {
        Db.CurrentUser.As(AdminActor, Roles.Admin);
        var model = NewUser(Roles.Customer, "weak@example.ru");
        model.Password = "short";

        var result = await Admin.CreateAsync(model);

        Assert.Contains(result.Errors, e => e.Code == "Identity.PasswordTooShort" && e.Field == nameof(UserEditModel.Password));
        await using var context = Db.NewContext();
        Assert.False(await context.Users.AnyAsync(u => u.NormalizedEmail == "WEAK@EXAMPLE.RU"));
        Assert.Equal(1, await context.UserRoles.CountAsync());
    }

    [Fact]
    public async Task Search_role_filter_sorting_and_paging_run_on_the_server()
    {
        for (var i = 0; i < 12; i++)
        {
            await CreateAsAdminAsync(NewUser(i % 2 == 0 ? Roles.Customer : Roles.Executor, $"user{i:00}@example.ru", $"+7916555{i:0000}", $"Пользователь {i:00}"));
        }

        var executors = await Directory.ListAsync(new UserListQuery(Role: Roles.Executor, PageSize: 4, Page: 1));
        var byName = await Directory.ListAsync(new UserListQuery(Search: "пользователь 07"));
        var byPhone = await Directory.ListAsync(new UserListQuery(Search: "5550011"));
        var byEmailDescending = await Directory.ListAsync(new UserListQuery(Search: "example", SortBy: UserSortField.Email, SortDescending: true, PageSize: 2));

        Assert.Equal(6, executors.TotalCount);
        Assert.Equal(["Пользователь 09", "Пользователь 11"], executors.Items.Select(u => u.FullName));
        Assert.Equal("Пользователь 07", Assert.Single(byName.Items).FullName);
        Assert.Equal("Пользователь 11", Assert.Single(byPhone.Items).FullName);
        Assert.Equal(["user11@example.ru", "user10@example.ru"], byEmailDescending.Items.Select(u => u.Email));
    }

    [Fact]
    public async Task Deactivation_keeps_the_account_and_reactivation_restores_it()
    {
        var id = await CreateAsAdminAsync(NewUser(Roles.Executor, "exec@example.ru"));

        Assert.True((await Admin.SetActiveAsync(id, false)).Succeeded);
        Assert.False((await Directory.GetAsync(id)).IsActive);
        Assert.True((await Admin.SetActiveAsync(id, true)).Succeeded);
        Assert.True((await Directory.GetAsync(id)).IsActive);
    }

    [Fact]
    public async Task Nobody_deactivates_or_deletes_themselves()
    {
        Db.CurrentUser.As(AdminActor, Roles.Admin);

        Assert.Contains(UserErrors.CannotChangeSelf, (await Admin.SetActiveAsync(AdminActor, false)).Errors);
        Assert.Contains(UserErrors.CannotChangeSelf, (await Admin.DeleteAsync(AdminActor)).Errors);
    }

    [Fact]
    public async Task Only_a_user_without_history_can_be_deleted()
    {
        var fresh = await CreateAsAdminAsync(NewUser(Roles.Customer, "fresh@example.ru"));
        var used = await CreateAsAdminAsync(NewUser(Roles.Customer, "used@example.ru"));
        await using (var context = Db.NewContext())
        {
            var user = await context.Users.SingleAsync(u => u.Id == used);
            user.LastSignInAt = Db.Time.GetUtcNow();
            await context.SaveChangesAsync();
        }

        var deleteFresh = await Admin.DeleteAsync(fresh);
        var deleteUsed = await Admin.DeleteAsync(used);

        Assert.True(deleteFresh.Succeeded);
        Assert.Contains(UserErrors.HasHistory, deleteUsed.Errors);
        await using var check = Db.NewContext();
        Assert.False(await check.Users.AnyAsync(u => u.Id == fresh));
        Assert.True(await check.Users.AnyAsync(u => u.Id == used));
    }

    [Fact]
    public async Task Editing_stamps_UpdatedAt_and_UpdatedBy_and_replaces_roles_and_skills()
    {
        var model = NewUser(Roles.Executor, "exec@example.ru");
        model.SkillIds = [1];
        var id = await CreateAsAdminAsync(model);
        Db.Time.Advance(TimeSpan.FromHours(2));
        model.Roles = [Roles.Specialist];
        model.SkillIds = [5];
        model.FullName = "Иван Замерщик";

        var result = await Admin.UpdateAsync(id, model);

        Assert.True(result.Succeeded);
        var details = await Directory.GetAsync(id);
        Assert.Equal([Roles.Specialist], details.Roles);
        Assert.Equal([5], details.SkillIds);
        await using var context = Db.NewContext();
        var user = await context.Users.SingleAsync(u => u.Id == id);
        Assert.Equal("Иван Замерщик", user.FullName);
        Assert.Equal(Db.Time.GetUtcNow(), user.UpdatedAt);
        Assert.Equal(AdminActor, user.UpdatedBy);
    }
}

[Trait("Category", "Sqlite")]
public sealed class UserAdministrationTests_Sqlite : UserAdministrationTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class UserAdministrationTests_MariaDb : UserAdministrationTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

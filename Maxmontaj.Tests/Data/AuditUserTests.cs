using Maxmontaj.Core.Customers;
using Maxmontaj.Core.Registration;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Tests.Data;

/// <summary>
/// Who is recorded (CreatedBy/UpdatedBy) when a service saves in a child DI scope of its own: the person acting in the
/// test's scope, as the circuit's user in the app, never nobody.
/// </summary>
public abstract class AuditUserTests : OrderTestBase
{
    [Fact]
    public async Task Inviting_an_orders_customer_records_the_dispatcher_on_the_new_account_and_on_the_order()
    {
        AsDispatcher();
        var order = await CreateOrderAsync(NewOrder());

        var invitation = (await Db.Get<CustomerAccountService>().InviteOrderCustomerAsync(order)).Value!;

        await using var db = Db.NewContext();
        Assert.Equal(DispatcherId, (await db.Users.SingleAsync(u => u.Id == invitation.UserId)).CreatedBy);
        var saved = await db.Orders.SingleAsync(o => o.Id == order);
        Assert.Equal((DispatcherId, DispatcherId), (saved.CreatedBy, saved.UpdatedBy));
    }

    [Fact]
    public async Task Approving_an_application_records_the_dispatcher_on_the_executors_account()
    {
        var application = Guid.NewGuid();
        await using (var db = Db.NewContext())
        {
            db.ExecutorApplications.Add(new ExecutorApplication
            {
                Id = application, Channel = "Telegram", ExternalId = "5550001", Status = ApplicationStatus.Submitted, Step = ApplicationStep.Done,
                FullName = "Иван Подрядчиков", Phone = "+79161234567", SkillIds = "1", District = "Северный",
                CreatedAt = Db.Time.GetUtcNow(), SubmittedAt = Db.Time.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }

        AsDispatcher();
        var approved = await Db.Get<ApplicationService>().ApproveAsync(application);

        Assert.True(approved.Succeeded, string.Join(",", approved.Errors.Select(e => e.Code)));
        await using var check = Db.NewContext();
        var executor = await check.Users.SingleAsync(u => u.PhoneNumber == "+79161234567");
        Assert.Equal(DispatcherId, executor.CreatedBy);
        Assert.Equal(Db.Time.GetUtcNow(), executor.CreatedAt);
    }

    [Fact]
    public async Task A_dispatcher_who_created_accounts_has_history_and_cannot_be_deleted()
    {
        var dispatcher = await PersonAsync(Roles.Dispatcher, "Мария Диспетчер");
        As(dispatcher, Roles.Dispatcher);
        var created = await Db.Get<UserAdministrationService>().CreateAsync(new UserEditModel
        {
            FullName = "Иван Монтажник", Email = "ivan@example.ru", Roles = [Roles.Executor], Password = "Secret-Pass-123",
        });
        Assert.True(created.Succeeded);

        As(Guid.NewGuid(), Roles.Admin);
        var deleted = await Db.Get<UserAdministrationService>().DeleteAsync(dispatcher);

        Assert.Equal([UserErrors.HasHistory], deleted.Errors);
        await using var db = Db.NewContext();
        Assert.Equal(dispatcher, (await db.Users.SingleAsync(u => u.Id == created.Value)).CreatedBy);
    }
}

[Trait("Category", "Sqlite")]
public sealed class AuditUserTests_Sqlite : AuditUserTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class AuditUserTests_MariaDb : AuditUserTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

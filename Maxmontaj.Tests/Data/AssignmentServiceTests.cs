using Maxmontaj.Core.Live;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;

namespace Maxmontaj.Tests.Data;

public abstract class AssignmentServiceTests : OrderTestBase
{
    [Fact]
    public async Task A_skilled_active_executor_is_assigned_with_a_timeline_entry_and_a_live_event_to_them()
    {
        var ivan = await PersonAsync(Roles.Executor, "Иван Монтажник", skills: WindowInstall);
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));
        var (events, subscription) = Record(LiveTopics.Person(ivan));
        using var _ = subscription;

        var result = await Assignment.AssignAsync(id, ivan, AssignmentRole.Lead);

        Assert.True(result.Succeeded);
        var details = await Orders.GetAsync(id);
        Assert.Equal(new AssignedPerson(ivan, "Иван Монтажник", AssignmentRole.Lead), Assert.Single(details.People));  // not yet accepted
        Assert.Equal(OrderEventKind.Assigned, details.Timeline[^2].Kind);  // then the scheduling it brought
        Assert.Equal(LiveEventKind.OrderAssigned, Assert.Single(await EventuallyAsync(events, 1)).Kind);
    }

    [Fact]
    public async Task Assigning_a_lead_to_a_new_order_with_a_visit_schedules_it_on_the_timeline_and_tells_the_customer()
    {
        var ivan = await PersonAsync(Roles.Executor, "Иван Монтажник", skills: WindowInstall);
        var customer = await PersonAsync(Roles.Customer, "Анна Клиентова");
        AsDispatcher();
        var model = NewOrder(start: Tomorrow(10));
        model.CustomerId = customer;
        var id = await CreateOrderAsync(model);
        var (events, subscription) = Record(LiveTopics.AllOrders);
        using var _ = subscription;

        Assert.True((await Assignment.AssignAsync(id, ivan, AssignmentRole.Lead)).Succeeded);

        var details = await Orders.GetAsync(id);
        Assert.Equal(OrderStatus.Scheduled, details.Status);
        Assert.Equal([OrderEventKind.Assigned, OrderEventKind.StatusChanged], details.Timeline.TakeLast(2).Select(t => t.Kind));
        Assert.Equal("New→Scheduled", details.Timeline[^1].Details);
        Assert.Single(await EventuallyAsync(events, 1));
        Assert.Contains(await Queries.BoardAsync(Calendar.DateOf(Tomorrow(10)), null), o => o.Id == id && o.Status == OrderStatus.Scheduled);
        await using var db = Db.NewContext();
        Assert.Contains(db.Notifications.Where(n => n.UserId == customer).AsEnumerable(), n => n.Text.Contains("визит запланирован"));
        As(ivan, Roles.Executor);
        var job = (await Orders.GetAsync(id)).MyJob!;
        Assert.True(job.CanAccept);
    }

    [Fact]
    public async Task An_order_without_a_visit_stays_new_and_tells_the_executor_what_they_wait_for_until_the_visit_is_set()
    {
        var ivan = await PersonAsync(Roles.Executor, "Иван Монтажник", skills: WindowInstall);
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder(start: null));
        await Assignment.AssignAsync(id, ivan, AssignmentRole.Lead);
        As(ivan, Roles.Executor);
        Assert.True((await Db.Get<Maxmontaj.Core.Assignment.JobService>().AcceptAsync(id)).Succeeded);

        var waiting = await Orders.GetAsync(id);

        Assert.Equal(OrderStatus.New, waiting.Status);
        Assert.Equal(Maxmontaj.Core.Assignment.JobWait.VisitTime, waiting.MyJob!.WaitingFor);
        Assert.False(waiting.MyJob.CanStart);

        AsDispatcher();
        var edit = NewOrder(start: Tomorrow(10));
        Assert.True((await Orders.UpdateAsync(id, edit, (await Orders.GetAsync(id)).Version)).Succeeded);
        As(ivan, Roles.Executor);
        var scheduled = await Orders.GetAsync(id);
        Assert.Equal(OrderStatus.Scheduled, scheduled.Status);
        Assert.True(scheduled.MyJob!.CanStart);
        Assert.Equal(Maxmontaj.Core.Assignment.JobWait.None, scheduled.MyJob.WaitingFor);
    }

    [Fact]
    public async Task A_helper_alone_does_not_schedule_the_order()
    {
        var helper = await PersonAsync(Roles.Executor, "Пётр Помощник", skills: WindowInstall);
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));

        await Assignment.AssignAsync(id, helper, AssignmentRole.Helper);

        Assert.Equal(OrderStatus.New, (await Orders.GetAsync(id)).Status);
    }

    [Fact]
    public async Task People_without_the_skill_inactive_people_and_non_executors_are_refused()
    {
        var noSkill = await PersonAsync(Roles.Executor, "Без Навыка", skills: Measurement);
        var inactive = await PersonAsync(Roles.Executor, "Отключённый", active: false, skills: WindowInstall);
        var customer = await PersonAsync(Roles.Customer, "Клиент");
        var specialist = await PersonAsync(Roles.Specialist, "Замерщик", skills: WindowInstall);
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));

        Assert.Equal([OrderErrors.SkillMissing], (await Assignment.AssignAsync(id, noSkill, AssignmentRole.Lead)).Errors);
        Assert.Equal([OrderErrors.PersonNotAvailable], (await Assignment.AssignAsync(id, inactive, AssignmentRole.Lead)).Errors);
        Assert.Equal([OrderErrors.PersonNotAvailable], (await Assignment.AssignAsync(id, customer, AssignmentRole.Lead)).Errors);
        Assert.Equal([OrderErrors.PersonNotAvailable], (await Assignment.AssignAsync(id, specialist, AssignmentRole.Lead)).Errors);
        Assert.True((await Assignment.AssignAsync(id, specialist, AssignmentRole.Specialist)).Succeeded);
        Assert.Equal([specialist], (await Orders.GetAsync(id)).People.Select(p => p.UserId));
    }

    [Fact]
    public async Task An_overlapping_visit_needs_confirmation_and_is_assigned_once_confirmed()
    {
        var ivan = await PersonAsync(Roles.Executor, "Иван", skills: WindowInstall);
        AsDispatcher();
        var morning = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));
        var clash = await CreateOrderAsync(NewOrder(start: Tomorrow(11)));
        var afternoon = await CreateOrderAsync(NewOrder(start: Tomorrow(12)));
        await Assignment.AssignAsync(morning, ivan, AssignmentRole.Lead);

        var warned = await Assignment.AssignAsync(clash, ivan, AssignmentRole.Lead);
        var free = await Assignment.AssignAsync(afternoon, ivan, AssignmentRole.Lead);
        var confirmed = await Assignment.AssignAsync(clash, ivan, AssignmentRole.Lead, confirmOverlap: true);

        Assert.Equal([OrderErrors.OverlapNeedsConfirmation], warned.Errors);
        Assert.True(free.Succeeded);
        Assert.True(confirmed.Succeeded);
    }

    [Fact]
    public async Task A_new_lead_replaces_the_old_one_who_loses_access_and_hears_about_it()
    {
        var first = await PersonAsync(Roles.Executor, "Первый", skills: WindowInstall);
        var second = await PersonAsync(Roles.Executor, "Второй", skills: WindowInstall);
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));
        await Assignment.AssignAsync(id, first, AssignmentRole.Lead);
        var (events, subscription) = Record(LiveTopics.Person(first));
        using var _ = subscription;

        await Assignment.AssignAsync(id, second, AssignmentRole.Lead);

        Assert.Equal([second], (await Orders.GetAsync(id)).People.Select(p => p.UserId));
        Assert.Single(await EventuallyAsync(events, 1));
        As(first, Roles.Executor);
        Assert.Empty(await Queries.MyJobsAsync(Db.Time.GetUtcNow()));
    }

    [Fact]
    public async Task Unassigning_removes_the_person_and_records_it()
    {
        var ivan = await PersonAsync(Roles.Executor, "Иван", skills: WindowInstall);
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));
        await Assignment.AssignAsync(id, ivan, AssignmentRole.Lead);

        var result = await Assignment.UnassignAsync(id, ivan);

        Assert.True(result.Succeeded);
        var details = await Orders.GetAsync(id);
        Assert.Empty(details.People);
        Assert.Equal(OrderEventKind.Unassigned, details.Timeline[^1].Kind);
        Assert.Equal([OrderErrors.NotAssigned], (await Assignment.UnassignAsync(id, ivan)).Errors);
    }

    [Fact]
    public async Task Suggestions_list_only_skilled_active_executors_free_ones_first_then_the_lightest_day()
    {
        var busy = await PersonAsync(Roles.Executor, "Анна Занятая", skills: WindowInstall);
        var loaded = await PersonAsync(Roles.Executor, "Борис Загруженный", skills: WindowInstall);
        var idle = await PersonAsync(Roles.Executor, "Вера Свободная", skills: WindowInstall);
        await PersonAsync(Roles.Executor, "Без Навыка", skills: Measurement);
        await PersonAsync(Roles.Executor, "Отключённый", active: false, skills: WindowInstall);
        AsDispatcher();
        var target = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));
        await Assignment.AssignAsync(await CreateOrderAsync(NewOrder(start: Tomorrow(11))), busy, AssignmentRole.Lead);
        await Assignment.AssignAsync(await CreateOrderAsync(NewOrder(start: Tomorrow(14))), loaded, AssignmentRole.Lead);
        await Assignment.AssignAsync(await CreateOrderAsync(NewOrder(start: Tomorrow(16))), loaded, AssignmentRole.Lead);

        var suggestions = await Assignment.SuggestExecutorsAsync(target);

        Assert.Equal([idle, loaded, busy], suggestions.Select(s => s.UserId));
        Assert.Equal([true, true, false], suggestions.Select(s => s.IsFree));
        Assert.Equal([0, 2, 1], suggestions.Select(s => s.JobsThatDay));
    }

    [Fact]
    public async Task Closed_orders_take_no_new_people()
    {
        var ivan = await PersonAsync(Roles.Executor, "Иван", skills: WindowInstall);
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));
        await Orders.ChangeStatusAsync(id, OrderStatus.Cancelled);

        Assert.Equal([OrderErrors.Closed], (await Assignment.AssignAsync(id, ivan, AssignmentRole.Lead)).Errors);
    }
}

[Trait("Category", "Sqlite")]
public sealed class AssignmentServiceTests_Sqlite : AssignmentServiceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class AssignmentServiceTests_MariaDb : AssignmentServiceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

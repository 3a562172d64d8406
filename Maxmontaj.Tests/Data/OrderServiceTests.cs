using Maxmontaj.Core.Common;
using Maxmontaj.Core.Live;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Tests.Data;

public abstract class OrderServiceTests : OrderTestBase
{
    [Fact]
    public async Task Created_orders_get_the_years_next_number_a_timeline_entry_and_a_live_event()
    {
        AsDispatcher();
        var (events, subscription) = Record(LiveTopics.AllOrders);
        using var _ = subscription;

        var first = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));
        var second = await CreateOrderAsync(NewOrder());

        var details = await Orders.GetAsync(second);
        Assert.Equal("2026-000002", details.Number);
        Assert.Equal("2026-000001", (await Orders.GetAsync(first)).Number);
        Assert.Equal(OrderStatus.New, details.Status);
        Assert.Equal("+79101234567", details.Fields.ContactPhone);
        Assert.Equal(OrderEventKind.Created, Assert.Single(details.Timeline).Kind);
        Assert.Equal([first, second], (await EventuallyAsync(events, 2)).Select(e => e.OrderId));
    }

    [Fact]
    public async Task Bad_fields_are_refused_field_by_field_and_nothing_is_saved()
    {
        AsDispatcher();
        var model = new OrderEditModel
        {
            CustomerName = "",
            ContactPhone = "12345",
            Address = " ",
            WorkTypeId = 0,
            ScheduledStart = Db.Time.GetUtcNow().AddHours(-1),
            PriceEstimate = -1,
        };

        var result = await Orders.CreateAsync(model);

        Assert.Equal(
            [nameof(OrderEditModel.Address), nameof(OrderEditModel.ContactPhone), nameof(OrderEditModel.CustomerName),
             nameof(OrderEditModel.PriceEstimate), nameof(OrderEditModel.ScheduledStart), nameof(OrderEditModel.WorkTypeId)],
            result.Errors.Select(e => e.Field!).Order());
        await using var context = Db.NewContext();
        Assert.Equal(0, await context.Orders.CountAsync());
    }

    [Fact]
    public async Task The_later_of_two_saves_from_the_same_version_is_refused_and_nothing_is_overwritten()
    {
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));
        var seenByBoth = await Orders.GetAsync(id);
        var first = NewOrder(start: Tomorrow(10), customer: "Первый Диспетчер");
        var second = NewOrder(start: Tomorrow(12), customer: "Второй Диспетчер");

        var saved = await Orders.UpdateAsync(id, first, seenByBoth.Version);
        var refused = await Orders.UpdateAsync(id, second, seenByBoth.Version);

        Assert.True(saved.Succeeded);
        Assert.Equal([OrderErrors.Conflict], refused.Errors);
        var fresh = await Orders.GetAsync(id);
        Assert.Equal("Первый Диспетчер", fresh.Fields.CustomerName);
        Assert.Equal(Tomorrow(10), fresh.Fields.ScheduledStart);
        Assert.NotEqual(seenByBoth.Version, fresh.Version);
    }

    [Fact]
    public async Task A_concurrent_save_that_slips_past_the_version_check_is_caught_by_the_token()
    {
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));
        await using var stale = Db.NewContext();
        var order = await stale.Orders.SingleAsync(o => o.Id == id);
        var moved = await Orders.ChangeStatusAsync(id, OrderStatus.Scheduled);

        order.CustomerName = "Устаревшая правка";
        order.Version = Guid.NewGuid();

        Assert.True(moved.Succeeded);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
    }

    [Fact]
    public async Task A_forbidden_transition_is_refused_and_changes_nothing()
    {
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));

        var result = await Orders.ChangeStatusAsync(id, OrderStatus.Closed);

        Assert.Equal([OrderErrors.TransitionForbidden], result.Errors);
        var details = await Orders.GetAsync(id);
        Assert.Equal(OrderStatus.New, details.Status);
        Assert.Single(details.Timeline);
    }

    [Fact]
    public async Task Scheduling_needs_a_visit_time()
    {
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder(start: null));

        var result = await Orders.ChangeStatusAsync(id, OrderStatus.Scheduled);

        Assert.Equal([OrderErrors.ScheduleRequired], result.Errors);
    }

    [Fact]
    public async Task The_lead_executor_starts_and_completes_the_job_and_another_executor_cannot_even_see_it()
    {
        var lead = await PersonAsync(Roles.Executor, "Ведущий Монтажник", skills: WindowInstall);
        var stranger = await PersonAsync(Roles.Executor, "Чужой Монтажник", skills: WindowInstall);
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));
        Assert.True((await Assignment.AssignAsync(id, lead, AssignmentRole.Lead)).Succeeded);
        Assert.Equal(OrderStatus.Scheduled, (await Orders.GetAsync(id)).Status);

        As(stranger, Roles.Executor);
        await Assert.ThrowsAsync<NotFoundException>(() => Orders.GetAsync(id));
        await Assert.ThrowsAsync<NotFoundException>(() => Orders.ChangeStatusAsync(id, OrderStatus.InProgress));
        Assert.Empty((await Queries.ListAsync(new OrderListQuery())).Items);

        As(lead, Roles.Executor);
        Assert.True((await Orders.ChangeStatusAsync(id, OrderStatus.InProgress)).Succeeded);
        Assert.Equal([OrderErrors.TransitionForbidden], (await Orders.ChangeStatusAsync(id, OrderStatus.Closed)).Errors);
        Assert.Equal([OrderErrors.ReportRequired], (await Orders.ChangeStatusAsync(id, OrderStatus.Completed)).Errors);
        var reports = Db.Get<Maxmontaj.Core.Reports.ReportService>();
        Assert.True((await reports.SaveDraftAsync(id, new Maxmontaj.Core.Reports.ReportDraft { WorkDone = "Окна установлены", CheckedItems = [1, 2] })).Succeeded);
        await reports.AddPhotoAsync(id, TestImages.Jpeg(), "foam.jpg", 1);
        var submitted = await reports.SubmitAsync(id);
        Assert.True(submitted.Succeeded, string.Join(",", submitted.Errors.Select(e => e.Code + ":" + e.Field)));
        var details = await Orders.GetAsync(id);
        Assert.Equal(OrderStatus.Completed, details.Status);
        Assert.Null(details.Fields.FinalPrice);
        Assert.Equal([id], (await Queries.MyJobsAsync(Db.Time.GetUtcNow())).Select(o => o.Id));
    }

    [Fact]
    public async Task Events_are_published_only_for_committed_changes()
    {
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));
        var (events, subscription) = Record(LiveTopics.Order(id));
        using var _ = subscription;

        await Orders.ChangeStatusAsync(id, OrderStatus.Closed);
        await Orders.ChangeStatusAsync(id, OrderStatus.Scheduled);

        var received = await EventuallyAsync(events, 1);
        Assert.Equal(LiveEventKind.OrderStatusChanged, Assert.Single(received).Kind);
    }

    [Fact]
    public async Task Customers_and_anonymous_visitors_see_no_orders()
    {
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder());

        As(Guid.NewGuid(), Roles.Customer);
        Assert.Empty((await Queries.ListAsync(new OrderListQuery())).Items);
        await Assert.ThrowsAsync<NotFoundException>(() => Orders.GetAsync(id));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Orders.CreateAsync(NewOrder()));
    }

    [Fact]
    public async Task The_list_filters_sorts_and_pages_on_the_server()
    {
        var ivan = await PersonAsync(Roles.Executor, "Иван", skills: [WindowInstall, Measurement]);
        AsDispatcher();
        var a = await CreateOrderAsync(NewOrder(start: Tomorrow(9), customer: "Алексей Первый", address: "ул. Садовая, 5"));
        var b = await CreateOrderAsync(NewOrder(start: Tomorrow(12), customer: "Борис Второй"));
        var c = await CreateOrderAsync(NewOrder(workType: Measurement, start: Tomorrow(15), customer: "Вера Третья"));
        var d = await CreateOrderAsync(NewOrder(start: Tomorrow(10).AddDays(3), customer: "Галина Четвёртая"));
        var e = await CreateOrderAsync(NewOrder(customer: "Дарья Пятая"));
        await Orders.ChangeStatusAsync(b, OrderStatus.Scheduled);
        await Orders.ChangeStatusAsync(c, OrderStatus.Scheduled);
        await Assignment.AssignAsync(c, ivan, AssignmentRole.Lead);
        await Assignment.AssignAsync(d, ivan, AssignmentRole.Lead);
        var (dayStart, dayEnd) = Calendar.DayBounds(Calendar.DateOf(Tomorrow(9)));

        async Task<Guid[]> Ids(OrderListQuery q) => (await Queries.ListAsync(q)).Items.Select(o => o.Id).ToArray();

        // d has a visit time and a lead, so its assignment scheduled it.
        Assert.Equal([b, c, d], await Ids(new OrderListQuery(Statuses: [OrderStatus.Scheduled], SortBy: OrderSortField.Number, SortDescending: false)));
        Assert.Equal([c], await Ids(new OrderListQuery(WorkTypeId: Measurement)));
        Assert.Equal([c, d], await Ids(new OrderListQuery(PersonId: ivan, SortBy: OrderSortField.ScheduledStart, SortDescending: false)));
        Assert.Equal([a, b, c], await Ids(new OrderListQuery(From: dayStart, To: dayEnd, SortBy: OrderSortField.ScheduledStart, SortDescending: false)));
        Assert.Equal([a], await Ids(new OrderListQuery(Text: "садовая")));
        Assert.Equal([e], await Ids(new OrderListQuery(Text: "дарья")));
        Assert.Equal([a, b, c, d, e], await Ids(new OrderListQuery(Text: "8 910 123 45 67", SortBy: OrderSortField.Number, SortDescending: false)));
        Assert.Equal([e], await Ids(new OrderListQuery(Text: "2026-000005")));
        var first = await Queries.ListAsync(new OrderListQuery(PageSize: 2, SortBy: OrderSortField.CustomerName, SortDescending: true));
        var page = await Queries.ListAsync(new OrderListQuery(PageSize: 2, SortBy: OrderSortField.CustomerName, SortDescending: true,
            Seek: OrderSeek.After, Cursor: first.Last));
        Assert.Equal(new OrderCount(5, false), page.Count);
        Assert.Equal(["Вера Третья", "Борис Второй"], page.Items.Select(o => o.CustomerName));
        Assert.Equal("Иван", (await Queries.ListAsync(new OrderListQuery(PersonId: ivan))).Items[0].LeadName);
    }

    [Fact]
    public async Task An_order_from_a_customers_confirmed_phone_is_linked_to_their_account()
    {
        Db.CurrentUser.As(Guid.NewGuid(), Roles.Admin);
        var customer = await Db.Get<UserAdministrationService>().CreateAsync(new UserEditModel
        {
            FullName = "Анна Клиентова", PhoneNumber = "+7 910 123-45-67", Roles = [Roles.Customer], Password = "Secret-Pass-123",
        });
        // She proved the phone (PhoneOwnershipTests covers how); an unconfirmed phone only proposes the link.
        await using (var db = Db.NewContext())
        {
            (await db.Users.SingleAsync(u => u.Id == customer.Value)).PhoneNumberConfirmed = true;
            await db.SaveChangesAsync();
        }

        AsDispatcher();

        var id = await CreateOrderAsync(NewOrder());

        Assert.Equal(customer.Value, (await Orders.GetAsync(id)).Fields.CustomerId);
    }

    [Fact]
    public async Task People_on_the_order_add_notes_to_its_timeline_and_others_cannot()
    {
        var specialist = await PersonAsync(Roles.Specialist, "Пётр Замерщик", skills: Measurement);
        var stranger = await PersonAsync(Roles.Specialist, "Чужой Замерщик", skills: Measurement);
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder(workType: Measurement, start: Tomorrow(10)));
        await Assignment.AssignAsync(id, specialist, AssignmentRole.Specialist);

        As(specialist, Roles.Specialist);
        var added = await Orders.AddNoteAsync(id, "Проём 1: 1200×1400, проём 2: 900×1400");
        var empty = await Orders.AddNoteAsync(id, "  ");
        As(stranger, Roles.Specialist);

        Assert.True(added.Succeeded);
        Assert.Equal("Order.NoteRequired", Assert.Single(empty.Errors).Code);
        await Assert.ThrowsAsync<NotFoundException>(() => Orders.AddNoteAsync(id, "чужая заметка"));
        AsDispatcher();
        var note = (await Orders.GetAsync(id)).Timeline[^1];
        Assert.Equal((OrderEventKind.NoteAdded, "Проём 1: 1200×1400, проём 2: 900×1400", "Пётр Замерщик"), (note.Kind, note.Details, note.ActorName));
    }

    [Fact]
    public async Task The_board_shows_open_orders_of_the_day_and_unscheduled_ones()
    {
        AsDispatcher();
        var today = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));
        var later = await CreateOrderAsync(NewOrder(start: Tomorrow(10).AddDays(2)));
        var unscheduled = await CreateOrderAsync(NewOrder());
        var cancelled = await CreateOrderAsync(NewOrder(start: Tomorrow(11)));
        await Orders.ChangeStatusAsync(cancelled, OrderStatus.Cancelled);

        var board = await Queries.BoardAsync(Calendar.DateOf(Tomorrow(10)), null);

        Assert.Equal([today, unscheduled], board.Select(o => o.Id).Order());
        Assert.DoesNotContain(later, board.Select(o => o.Id));
    }
}

[Trait("Category", "Sqlite")]
public sealed class OrderServiceTests_Sqlite : OrderServiceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class OrderServiceTests_MariaDb : OrderServiceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

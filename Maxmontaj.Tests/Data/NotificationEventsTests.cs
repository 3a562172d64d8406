using Maxmontaj.Core.Common;
using Maxmontaj.Core.Customers;
using Maxmontaj.Core.Notifications;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Reports;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Tests.Data;

/// <summary>Which changes queue which notifications, with their Russian texts, in the same transaction as the change.</summary>
public abstract class NotificationEventsTests : OrderTestBase
{
    private async Task<List<Notification>> QueuedAsync(Guid? user = null)
    {
        await using var db = Db.NewContext();
        return await db.Notifications.Where(n => user == null || n.UserId == user).OrderBy(n => n.Id).ToListAsync();
    }

    [Fact]
    public async Task Assigning_rescheduling_and_unassigning_tell_the_executor()
    {
        var fitter = await PersonAsync(Roles.Executor, "Фёдор", skills: WindowInstall);
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));
        await Assignment.AssignAsync(id, fitter, AssignmentRole.Lead);
        var details = await Orders.GetAsync(id);
        details.Fields.ScheduledStart = Tomorrow(14);
        details.Fields.ScheduledEnd = Tomorrow(16);
        await Orders.UpdateAsync(id, details.Fields, details.Version);
        await Assignment.UnassignAsync(id, fitter);

        var texts = (await QueuedAsync(fitter)).Select(n => (n.Kind, n.Text)).ToList();
        Assert.Equal(["assignment", "schedule", "assignment"], texts.Select(t => t.Kind));
        Assert.StartsWith($"Вам назначен заказ {details.Number}: Установка окон, ул. Ленина, 1,", texts[0].Text);
        Assert.StartsWith($"Визит по заказу {details.Number} перенесён:", texts[1].Text);
        Assert.Equal($"Вы сняты с заказа {details.Number}.", texts[2].Text);
    }

    [Fact]
    public async Task The_customer_hears_about_the_statuses_they_care_about_and_dispatchers_about_low_ratings()
    {
        var customer = (await Db.Get<CustomerAccountService>().RegisterAsync("Анна Клиентова", "+7 910 123-45-67", null, "Secret-Pass-123")).Value;
        var dispatcher = await PersonAsync(Roles.Dispatcher, "Дина Диспетчер");
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));
        // Her phone is not confirmed: the dispatcher confirms the proposed link.
        Assert.True((await Db.Get<CustomerLinkService>().ConfirmAsync(id, customer)).Succeeded);
        foreach (var step in new[] { OrderStatus.Scheduled, OrderStatus.InProgress, OrderStatus.Completed })
        {
            await Orders.ChangeStatusAsync(id, step);
        }

        As(customer, Roles.Customer);
        await Db.Get<CustomerPortalService>().ReviewAsync(id, 2, "Долго");

        Assert.Equal(["Заказ 2026-000001: визит запланирован.", "Заказ 2026-000001: мастер приступил к работе.", "Заказ 2026-000001: работы выполнены."],
            (await QueuedAsync(customer)).Select(n => n.Text));
        Assert.Equal("Низкая оценка (2 из 5) по заказу 2026-000001. Свяжитесь с клиентом.", Assert.Single(await QueuedAsync(dispatcher)).Text);
    }

    [Fact]
    public async Task A_returned_report_tells_its_author_with_the_comment()
    {
        var fitter = await PersonAsync(Roles.Executor, "Фёдор", skills: Measurement);
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder(workType: Measurement, start: Tomorrow(10)));
        await Assignment.AssignAsync(id, fitter, AssignmentRole.Lead);
        await Orders.ChangeStatusAsync(id, OrderStatus.Scheduled);
        As(fitter, Roles.Executor);
        await Orders.ChangeStatusAsync(id, OrderStatus.InProgress);
        var reports = Db.Get<ReportService>();
        await reports.SaveDraftAsync(id, new ReportDraft { Openings = [new OpeningLine("Кухня", 1000, 1200, null)], PriceEstimate = 1000 });
        Assert.True((await reports.SubmitAsync(id)).Succeeded);
        AsDispatcher();

        await reports.ReturnAsync(id, "Уточните размеры");

        Assert.EndsWith("возвращён на доработку: Уточните размеры", (await QueuedAsync(fitter)).Last().Text);
    }

    [Fact]
    public async Task The_morning_list_goes_once_per_person_per_day_with_the_days_visits_in_order()
    {
        var fitter = await PersonAsync(Roles.Executor, "Фёдор", skills: WindowInstall);
        AsDispatcher();
        foreach (var hour in new[] { 15, 9 })
        {
            var id = await CreateOrderAsync(NewOrder(start: Tomorrow(hour), address: $"Адрес {hour}"));
            await Assignment.AssignAsync(id, fitter, AssignmentRole.Lead, confirmOverlap: true);
            await Orders.ChangeStatusAsync(id, OrderStatus.Scheduled);
        }

        var day = Calendar.DateOf(Tomorrow(9));
        var first = await Db.Get<MorningListService>().EnqueueAsync(day);
        var second = await Db.Get<MorningListService>().EnqueueAsync(day);

        Assert.Equal((1, 0), (first, second));
        var morning = (await QueuedAsync(fitter)).Single(n => n.Kind == "morning");
        Assert.StartsWith("Доброе утро! Работ на сегодня: 2.\n09:00 — ", morning.Text);
        Assert.Contains("Адрес 9\n15:00 — ", morning.Text);
    }

    [Fact]
    public async Task Optional_kinds_switched_off_in_the_profile_are_discarded_and_essential_ones_still_go()
    {
        var fitter = await PersonAsync(Roles.Executor, "Фёдор", skills: WindowInstall);
        As(fitter, Roles.Executor);
        Assert.Equal("Profile.ChannelRequired", Assert.Single((await Db.Get<ProfileService>().SavePreferencesAsync(["Pigeon"], [])).Errors).Code);
        Assert.True((await Db.Get<ProfileService>().SavePreferencesAsync(["Email", "Telegram"], ["morning", "assignment"])).Succeeded);
        Assert.Equal(["Email", "Telegram"], (await Db.Get<ProfileService>().GetMineAsync()).Channels);
        await using (var db = Db.NewContext())
        {
            Outbox.Enqueue(db, fitter, "morning", null, "список", "m1", Db.Time.GetUtcNow());
            Outbox.Enqueue(db, fitter, "assignment", null, "назначен", "a1", Db.Time.GetUtcNow());
            await db.SaveChangesAsync();
        }

        await Db.Get<OutboxDispatcher>().DispatchDueAsync();

        var states = (await QueuedAsync(fitter)).ToDictionary(n => n.Kind, n => n.Status);
        Assert.Equal(NotificationStatus.Discarded, states["morning"]);
        Assert.Equal(NotificationStatus.Failed, states["assignment"]);   // essential: tried, but no channel is configured in this test
    }

    [Fact]
    public async Task Admins_retry_or_discard_failed_notifications_and_nobody_else_may()
    {
        var fitter = await PersonAsync(Roles.Executor, "Фёдор", skills: WindowInstall);
        await using (var db = Db.NewContext())
        {
            Outbox.Enqueue(db, fitter, "assignment", null, "назначен", "x1", Db.Time.GetUtcNow());
            Outbox.Enqueue(db, fitter, "assignment", null, "назначен", "x2", Db.Time.GetUtcNow());
            await db.SaveChangesAsync();
        }

        await Db.Get<OutboxDispatcher>().DispatchDueAsync();
        Db.CurrentUser.As(Guid.NewGuid(), Roles.Admin);
        var admin = Db.Get<NotificationAdminService>();
        var failed = await admin.LogAsync(NotificationStatus.Failed, null);

        Assert.Equal(2, failed.Count);
        Assert.True((await admin.RetryAsync(failed[0].Id)).Succeeded);
        Assert.True((await admin.DiscardAsync(failed[1].Id)).Succeeded);
        Assert.Equal([NotificationStatus.Discarded, NotificationStatus.Pending], (await QueuedAsync(fitter)).Select(n => n.Status).OrderBy(s => s.ToString()));
        Db.CurrentUser.As(Guid.NewGuid(), Roles.Dispatcher);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Db.Get<NotificationAdminService>().LogAsync(null, null));
    }
}

[Trait("Category", "Sqlite")]
public sealed class NotificationEventsTests_Sqlite : NotificationEventsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class NotificationEventsTests_MariaDb : NotificationEventsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

using Maxmontaj.Core.Chat;
using Maxmontaj.Core.Notifications;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Tests.Integrations;

/// <summary>
/// The outbox against real local peers: a fake Bot API over HTTP on 127.0.0.1 and a real SMTP server. Telegram first, email
/// when Telegram fails, every attempt logged, each notification sent at most once per channel, nothing for rolled-back changes.
/// </summary>
public abstract class OutboxTests : IAsyncLifetime
{
    private const long ChatId = 424242;
    private FakeBotApi _bot = default!;
    private SmtpSink _smtp = default!;
    private TestDatabase _db = default!;
    private Guid _fitter;

    protected abstract DatabaseProvider Provider { get; }

    public async Task InitializeAsync()
    {
        _bot = await FakeBotApi.StartAsync();
        _smtp = SmtpSink.Start();
        _db = await TestDatabase.CreateAsync(Provider, configure: s => s.AddMaxmontajNotifications(runWorker: false), settings: new Dictionary<string, string?>
        {
            ["Telegram:Token"] = "123456:TEST",
            ["Telegram:BaseUrl"] = _bot.BaseUrl,
            ["Email:Host"] = "127.0.0.1",
            ["Email:Port"] = _smtp.Port.ToString(),
            ["Email:Security"] = "None",
        });
        _db.CurrentUser.As(Guid.NewGuid(), Roles.Admin);
        _fitter = (await _db.Get<UserAdministrationService>().CreateAsync(new UserEditModel
        {
            FullName = "Фёдор Монтажник", Email = "fitter@example.ru", Roles = [Roles.Executor], SkillIds = [1], Password = "Secret-Pass-123",
        })).Value;
        await using var context = _db.NewContext();
        (await context.Users.SingleAsync(u => u.Id == _fitter)).TelegramChatId = ChatId;
        await context.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await _bot.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private OutboxDispatcher Dispatcher => _db.Get<OutboxDispatcher>();

    /// <summary>The dispatcher writes in the order's thread while the executor has no page open: one notification is queued.</summary>
    private async Task<long> QueueAsync(string text = "Перенесли визит на 12:00")
    {
        _db.CurrentUser.As(Guid.NewGuid(), Roles.Dispatcher);
        var order = await _db.Get<OrderService>().CreateAsync(new OrderEditModel
        {
            CustomerName = "Клиент", ContactPhone = "+7 910 123-45-67", Address = "ул. Ленина, 1", WorkTypeId = 1,
        });
        await _db.Get<Maxmontaj.Core.Assignment.AssignmentService>().AssignAsync(order.Value, _fitter, AssignmentRole.Lead);
        Assert.True((await _db.Get<ChatService>().PostAsync(order.Value, text)).Succeeded);
        await using var context = _db.NewContext();
        // The assignment itself also queued a notification; this test follows the chat message's.
        var chat = await context.Notifications.Where(n => n.UserId == _fitter && n.Kind == "chat").Select(n => n.Id).SingleAsync();
        var others = await context.Notifications.Where(n => n.Kind != "chat").ToListAsync();
        others.ForEach(n => n.Status = NotificationStatus.Discarded);
        await context.SaveChangesAsync();
        return chat;
    }

    private async Task<(Notification Notification, List<NotificationAttempt> Attempts)> StateAsync(long id)
    {
        await using var context = _db.NewContext();
        return (await context.Notifications.SingleAsync(n => n.Id == id),
            await context.NotificationAttempts.Where(a => a.NotificationId == id).OrderBy(a => a.Id).ToListAsync());
    }

    [Fact]
    public async Task A_notification_goes_out_through_telegram_first()
    {
        var id = await QueueAsync();

        Assert.Equal(1, await Dispatcher.DispatchDueAsync());

        var (notification, attempts) = await StateAsync(id);
        Assert.Equal((NotificationStatus.Delivered, "Telegram"), (notification.Status, notification.DeliveredVia));
        var sent = Assert.Single(_bot.Sent);
        Assert.Equal(ChatId, sent.ChatId);
        Assert.EndsWith("Перенесли визит на 12:00", sent.Text);
        Assert.Empty(_smtp.Messages);
        Assert.True(Assert.Single(attempts).Succeeded);
    }

    [Fact]
    public async Task Telegram_answering_5xx_hands_over_to_email_at_once_with_one_call()
    {
        _bot.Behaviour = FakeBotApi.Mode.ServerError;
        var id = await QueueAsync();

        await Dispatcher.DispatchDueAsync();

        var (notification, attempts) = await StateAsync(id);
        Assert.Equal((NotificationStatus.Delivered, "Email"), (notification.Status, notification.DeliveredVia));
        Assert.Equal(["Telegram:False", "Email:True"], attempts.Select(a => $"{a.Channel}:{a.Succeeded}"));
        Assert.Equal(1, _bot.Calls);   // no HTTP-level retries of a POST: a repeated POST could send twice
        var mail = Assert.Single(_smtp.Messages);
        Assert.Equal("fitter@example.ru", mail.To.Mailboxes.Single().Address);
        Assert.Contains("Перенесли визит на 12:00", mail.TextBody);
        Assert.Contains("Перенесли визит на 12:00", mail.HtmlBody);
    }

    [Fact]
    public async Task The_last_usable_channel_answering_5xx_is_retried_with_backoff()
    {
        _bot.Behaviour = FakeBotApi.Mode.ServerError;
        await using (var context = _db.NewContext())
        {
            (await context.Users.SingleAsync(u => u.Id == _fitter)).NotificationChannels = "Telegram";
            await context.SaveChangesAsync();
        }

        var id = await QueueAsync();
        await Dispatcher.DispatchDueAsync();
        Assert.Equal(0, await Dispatcher.DispatchDueAsync());            // not due again yet
        _db.Time.Advance(OutboxDispatcher.FirstRetry);
        await Dispatcher.DispatchDueAsync();
        _db.Time.Advance(OutboxDispatcher.FirstRetry * 2);
        await Dispatcher.DispatchDueAsync();

        var (notification, attempts) = await StateAsync(id);
        Assert.Equal(NotificationStatus.Failed, notification.Status);
        Assert.Equal(["Telegram:False", "Telegram:False", "Telegram:False"], attempts.Select(a => $"{a.Channel}:{a.Succeeded}"));
        Assert.Equal(OutboxDispatcher.AttemptsPerChannel, _bot.Calls);
    }

    [Fact]
    public async Task Telegram_refusing_connections_falls_back_to_email()
    {
        await _bot.StopAsync();
        var id = await QueueAsync();

        for (var i = 0; i < OutboxDispatcher.AttemptsPerChannel; i++)
        {
            await Dispatcher.DispatchDueAsync();
            _db.Time.Advance(TimeSpan.FromMinutes(5));
        }

        var (notification, attempts) = await StateAsync(id);
        Assert.Equal("Email", notification.DeliveredVia);
        Assert.Contains("HttpRequestException", attempts[0].Error ?? "", StringComparison.Ordinal);
        Assert.Single(_smtp.Messages);
    }

    [Fact]
    public async Task A_user_who_blocked_the_bot_gets_email_at_once()
    {
        _bot.Behaviour = FakeBotApi.Mode.Blocked;
        var id = await QueueAsync();

        await Dispatcher.DispatchDueAsync();

        var (notification, attempts) = await StateAsync(id);
        Assert.Equal("Email", notification.DeliveredVia);
        Assert.Contains("403", attempts[0].Error);
        Assert.Equal(1, _bot.Calls);
    }

    [Fact]
    public async Task After_a_stop_mid_send_pending_work_resumes_and_nothing_is_sent_twice_through_a_channel()
    {
        var id = await QueueAsync();
        // The app stopped after claiming the Telegram send but before recording it: it may have gone out.
        await using (var context = _db.NewContext())
        {
            context.NotificationSends.Add(new NotificationSend { NotificationId = id, Channel = "Telegram", ClaimedAt = _db.Time.GetUtcNow() });
            await context.SaveChangesAsync();
        }

        await Dispatcher.DispatchDueAsync();
        await Dispatcher.DispatchDueAsync();
        _db.Time.Advance(TimeSpan.FromHours(1));
        await Dispatcher.DispatchDueAsync();

        Assert.Equal(0, _bot.Calls);
        Assert.Single(_smtp.Messages);
        Assert.Equal(NotificationStatus.Delivered, (await StateAsync(id)).Notification.Status);
    }

    [Fact]
    public async Task A_rolled_back_change_queues_no_notification()
    {
        await using (var context = _db.NewContext())
        {
            Outbox.Enqueue(context, _fitter, "test", null, "не должно уйти", "rollback-test", _db.Time.GetUtcNow());
            context.WorkTypes.Add(new WorkType { Code = "window-install", Name = "Дубль" });   // violates the unique code
            await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
        }

        _db.CurrentUser.As(Guid.NewGuid(), Roles.Dispatcher);
        await Assert.ThrowsAsync<Maxmontaj.Core.Common.NotFoundException>(() => _db.Get<ChatService>().PostAsync(Guid.NewGuid(), "нет такого заказа"));

        await using var check = _db.NewContext();
        Assert.Equal(0, await check.Notifications.CountAsync());
        Assert.Equal(0, await Dispatcher.DispatchDueAsync());
    }

    [Fact]
    public async Task A_failed_notification_can_be_retried_by_an_admin()
    {
        _bot.Behaviour = FakeBotApi.Mode.Blocked;
        await using (var context = _db.NewContext())
        {
            var user = await context.Users.SingleAsync(u => u.Id == _fitter);
            (user.Email, user.NormalizedEmail) = (null, null);
            await context.SaveChangesAsync();
        }

        var id = await QueueAsync();
        await Dispatcher.DispatchDueAsync();
        Assert.Equal(NotificationStatus.Failed, (await StateAsync(id)).Notification.Status);

        _bot.Behaviour = FakeBotApi.Mode.Ok;
        var retried = await Dispatcher.RetryAsync(id);
        await Dispatcher.DispatchDueAsync();

        Assert.True(retried.Succeeded);
        var (notification, _) = await StateAsync(id);
        Assert.Equal((NotificationStatus.Delivered, "Telegram"), (notification.Status, notification.DeliveredVia));
        Assert.Single(_bot.Sent);
    }
}

[Trait("Category", "Sqlite")]
public sealed class OutboxTests_Sqlite : OutboxTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class OutboxTests_MariaDb : OutboxTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

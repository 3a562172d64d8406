using System.Diagnostics;
using System.Diagnostics.Metrics;
using Maxmontaj.Core.Notifications;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Tests.Integrations;

/// <summary>
/// Failover against hostile local peers (real HTTP and SMTP): every way a messenger fails reaches the next channel within 30 s
/// of queueing. Waits that are the outbox's own (the send timeout, retry-after, the breaker's cool-down) run on the fake clock;
/// what is the network's (a hang, a refused or closed connection) runs on real sockets, and must cost no real time either.
/// </summary>
public abstract class OutboxFailoverTests : IAsyncLifetime
{
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(30);
    private FakeBotApi _bot = default!;
    private FakeGraphApi _graph = default!;
    private SmtpSink _smtp = default!;
    private TestDatabase _db = default!;
    private Guid _anna;
    private Guid _boris;

    protected abstract DatabaseProvider Provider { get; }

    public async Task InitializeAsync()
    {
        _bot = await FakeBotApi.StartAsync();
        _graph = await FakeGraphApi.StartAsync();
        _smtp = SmtpSink.Start();
        _db = await TestDatabase.CreateAsync(Provider, configure: s => s.AddMaxmontajNotifications(runWorker: false), settings: new Dictionary<string, string?>
        {
            ["Telegram:Token"] = "123456:TEST", ["Telegram:BaseUrl"] = _bot.BaseUrl,
            ["WhatsApp:BaseUrl"] = _graph.BaseUrl, ["WhatsApp:AccessToken"] = "t", ["WhatsApp:PhoneNumberId"] = "1000", ["WhatsApp:TemplateName"] = "order_update",
            ["Email:Host"] = "127.0.0.1", ["Email:Port"] = _smtp.Port.ToString(), ["Email:Security"] = "None",
        });
        _db.CurrentUser.As(Guid.NewGuid(), Roles.Admin);
        _anna = await UserAsync("Анна Монтажница", "anna@example.ru", "+7 916 000-00-01", 1001);
        _boris = await UserAsync("Борис Монтажник", "boris@example.ru", "+7 916 000-00-02", 1002);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await _bot.DisposeAsync();
        await _graph.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private OutboxDispatcher Dispatcher => _db.Get<OutboxDispatcher>();

    private TimeSpan SendTimeout => _db.Get<Microsoft.Extensions.Options.IOptions<OutboxOptions>>().Value.SendTimeout;

    private async Task<Guid> UserAsync(string name, string email, string phone, long chat)
    {
        var id = (await _db.Get<UserAdministrationService>().CreateAsync(new UserEditModel
        {
            FullName = name, Email = email, PhoneNumber = phone, Roles = [Roles.Executor], SkillIds = [1], Password = "Secret-Pass-123",
        })).Value;
        await using var context = _db.NewContext();
        (await context.Users.SingleAsync(u => u.Id == id)).TelegramChatId = chat;
        await context.SaveChangesAsync();
        return id;
    }

    private async Task<long> QueueAsync(Guid user, string text)
    {
        await using var context = _db.NewContext();
        Outbox.Enqueue(context, user, "chat", null, text, Guid.NewGuid().ToString("N"), _db.Time.GetUtcNow());
        await context.SaveChangesAsync();
        return context.Notifications.Local.Last().Id;
    }

    private async Task<Notification> NotificationAsync(long id)
    {
        await using var context = _db.NewContext();
        return await context.Notifications.AsNoTracking().SingleAsync(n => n.Id == id);
    }

    private static void WithinTarget(Notification notification)
    {
        Assert.Equal(NotificationStatus.Delivered, notification.Status);
        Assert.InRange(notification.SentAt!.Value - notification.CreatedAt, TimeSpan.Zero, Target);
    }

    [Fact]
    public async Task Telegram_answering_500_hands_over_to_whatsapp_at_once_with_a_single_call()
    {
        _bot.Behaviour = FakeBotApi.Mode.ServerError;
        var id = await QueueAsync(_anna, "Перенесли визит на 12:00");

        await Dispatcher.DispatchDueAsync();

        var notification = await NotificationAsync(id);
        Assert.Equal("WhatsApp", notification.DeliveredVia);
        WithinTarget(notification);
        Assert.Equal(1, _bot.Calls);   // no HTTP-level retries of a POST
        Assert.Equal(["template:Перенесли визит на 12:00"], _graph.To("79160000001"));
    }

    [Fact]
    public async Task Telegram_and_whatsapp_both_answering_500_reach_email_in_one_pass()
    {
        _bot.Behaviour = FakeBotApi.Mode.ServerError;
        _graph.Behaviour = FakeGraphApi.Mode.ServerError;
        var id = await QueueAsync(_anna, "Заказ выполнен");

        await Dispatcher.DispatchDueAsync();

        var notification = await NotificationAsync(id);
        Assert.Equal("Email", notification.DeliveredVia);
        WithinTarget(notification);
        Assert.Equal((1, 1), (_bot.Calls, _graph.Calls));
        Assert.Single(_smtp.Messages);
    }

    [Fact]
    public async Task A_hanging_telegram_costs_one_send_timeout_then_whatsapp_delivers_and_telegram_is_never_tried_again()
    {
        _bot.Behaviour = FakeBotApi.Mode.Hang;
        var id = await QueueAsync(_anna, "Мастер выехал");
        var clock = Stopwatch.StartNew();

        var pass = Dispatcher.DispatchDueAsync();
        await _bot.WaitForCallsAsync(1);
        _db.Time.Advance(SendTimeout);
        await pass.WaitAsync(TimeSpan.FromSeconds(10));

        var notification = await NotificationAsync(id);
        Assert.Equal("WhatsApp", notification.DeliveredVia);
        WithinTarget(notification);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed} of real time");
        await using var context = _db.NewContext();
        // The timed-out send may have gone out: its claim stays open, so Telegram is never used again for it (ADR 0009).
        Assert.Null((await context.NotificationSends.SingleAsync(s => s.NotificationId == id && s.Channel == "Telegram")).Succeeded);
        Assert.Equal(1, _bot.Calls);
    }

    [Fact]
    public async Task Five_notifications_behind_a_hanging_telegram_all_reach_whatsapp_in_order_within_30_s()
    {
        _bot.Behaviour = FakeBotApi.Mode.Hang;
        var ids = new List<long>();
        for (var i = 1; i <= 5; i++)
        {
            ids.Add(await QueueAsync(_anna, $"Сообщение {i}"));
        }

        var pass = Dispatcher.DispatchDueAsync();
        await _bot.WaitForCallsAsync(1);
        _db.Time.Advance(SendTimeout);
        Assert.Equal(5, await pass.WaitAsync(TimeSpan.FromSeconds(10)));

        foreach (var id in ids)
        {
            var notification = await NotificationAsync(id);
            Assert.Equal("WhatsApp", notification.DeliveredVia);
            WithinTarget(notification);
        }

        Assert.Equal(1, _bot.Calls);   // the rest skipped Telegram for this person at once
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"template:Сообщение {i}"), _graph.To("79160000001"));
    }

    [Fact]
    public async Task A_refused_connection_and_a_closed_connection_each_move_on_at_once()
    {
        _bot.Behaviour = FakeBotApi.Mode.Drop;
        var dropped = await QueueAsync(_anna, "Обрыв");
        await Dispatcher.DispatchDueAsync();
        await _bot.StopAsync();
        var refused = await QueueAsync(_boris, "Отказ");
        await Dispatcher.DispatchDueAsync();

        foreach (var id in new[] { dropped, refused })
        {
            var notification = await NotificationAsync(id);
            Assert.Equal("WhatsApp", notification.DeliveredVia);
            WithinTarget(notification);
        }
    }

    [Fact]
    public async Task Telegram_429_with_a_long_retry_after_moves_on_and_pauses_telegram_for_everyone()
    {
        _bot.Behaviour = FakeBotApi.Mode.TooManyRequests;
        _bot.RetryAfterSeconds = 120;
        var first = await QueueAsync(_anna, "Первое");

        await Dispatcher.DispatchDueAsync();
        var second = await QueueAsync(_boris, "Второе");
        await Dispatcher.DispatchDueAsync();

        WithinTarget(await NotificationAsync(first));
        WithinTarget(await NotificationAsync(second));
        Assert.Equal("WhatsApp", (await NotificationAsync(second)).DeliveredVia);
        Assert.Equal(1, _bot.Calls);   // the pause holds for Boris too
        var telegram = (await _db.Get<NotificationAdminService>().ChannelsAsync(["Telegram"])).Single().Breaker!;
        Assert.Equal(BreakerState.Open, telegram.State);
        Assert.Equal(_db.Time.GetUtcNow().AddSeconds(120), telegram.RetryAt);
    }

    [Fact]
    public async Task Telegram_429_with_a_short_retry_after_waits_that_long_for_telegram()
    {
        _bot.Behaviour = FakeBotApi.Mode.TooManyRequests;
        _bot.RetryAfterSeconds = 5;
        var id = await QueueAsync(_anna, "Подождём Telegram");

        await Dispatcher.DispatchDueAsync();
        _bot.Behaviour = FakeBotApi.Mode.Ok;
        _db.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, await Dispatcher.DispatchDueAsync());
        _db.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await Dispatcher.DispatchDueAsync());

        var notification = await NotificationAsync(id);
        Assert.Equal("Telegram", notification.DeliveredVia);
        WithinTarget(notification);
        Assert.Empty(_graph.Sent);
    }

    [Fact]
    public async Task Whatsapp_429_with_retry_after_moves_on_to_email_when_the_wait_is_too_long()
    {
        _bot.Behaviour = FakeBotApi.Mode.Blocked;
        _graph.Behaviour = FakeGraphApi.Mode.TooManyRequests;
        _graph.RetryAfterSeconds = 60;
        var id = await QueueAsync(_anna, "Через почту");

        await Dispatcher.DispatchDueAsync();

        var notification = await NotificationAsync(id);
        Assert.Equal("Email", notification.DeliveredVia);
        WithinTarget(notification);
    }

    [Fact]
    public async Task A_healthy_recipient_is_delivered_within_2_s_while_another_recipients_telegram_hangs()
    {
        _bot.ChatBehaviour[1001] = FakeBotApi.Mode.Hang;
        for (var i = 1; i <= 5; i++)
        {
            await QueueAsync(_anna, $"Анне {i}");
        }

        using var stop = new CancellationTokenSource();
        var worker = Task.Run(() => Dispatcher.RunAsync(_db.Get<IOutboxSignal>(), stop.Token));
        await _bot.WaitForCallsAsync(1);

        // Queued after the worker went to sleep: the commit itself wakes it (no poll), and Anna's hang holds only her lane.
        var clock = Stopwatch.StartNew();
        var id = await QueueAsync(_boris, "Борису");
        while ((await NotificationAsync(id)).Status != NotificationStatus.Delivered && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        var elapsed = clock.Elapsed;
        await stop.CancelAsync();
        try
        {
            await worker.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            // stopping mid-read
        }

        Assert.Equal("Telegram", (await NotificationAsync(id)).DeliveredVia);
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"Boris waited {elapsed}");
        Assert.Equal([(1002L, "Борису")], _bot.Sent.ToList());
    }

    [Fact]
    public async Task The_breaker_opens_after_repeated_failures_skips_the_channel_and_closes_after_a_successful_probe()
    {
        _bot.Behaviour = FakeBotApi.Mode.ServerError;
        for (var chat = 1; chat <= 5; chat++)
        {
            await DirectAsync(chat);
        }

        await Dispatcher.DispatchDueAsync();
        Assert.Equal(5, _bot.Calls);
        Assert.Equal(BreakerState.Open, (await BreakerAsync()).State);

        // Open: a new message for Telegram only is not sent; it waits for the probe.
        var waiting = await DirectAsync(6);
        await Dispatcher.DispatchDueAsync();
        Assert.Equal(5, _bot.Calls);
        Assert.Equal((await BreakerAsync()).RetryAt, (await NotificationAsync(waiting)).NextAttemptAt);

        // After the cool-down exactly one probe goes while the others wait; this one hangs, times out and reopens the breaker.
        _bot.Behaviour = FakeBotApi.Mode.Hang;
        _db.Time.Advance(TimeSpan.FromSeconds(30));
        var probing = Dispatcher.DispatchDueAsync();
        await _bot.WaitForCallsAsync(6);
        _db.Time.Advance(SendTimeout);
        Assert.Equal(0, await probing.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(6, _bot.Calls);
        Assert.Equal(BreakerState.Open, (await BreakerAsync()).State);

        // The next probe succeeds and closes the breaker; then the rest go, each exactly once (the hung one may have gone: never again).
        _bot.Behaviour = FakeBotApi.Mode.Ok;
        _db.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.InRange(await Dispatcher.DispatchDueAsync(), 1, 5);
        Assert.Equal(BreakerState.Closed, (await BreakerAsync()).State);
        _db.Time.Advance(SendTimeout);
        await Dispatcher.DispatchDueAsync();
        Assert.Equal(5, _bot.Sent.Count);
        Assert.Equal(5, _bot.Sent.Select(s => s.ChatId).Distinct().Count());
        Assert.Equal(11, _bot.Calls);
    }

    [Fact]
    public async Task Sent_and_failed_sends_are_counted_per_channel_on_the_notifications_meter()
    {
        var meter = _db.Get<OutboxMetrics>().Meter;
        var counts = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var channel = tags.ToArray().Single(t => t.Key == "channel").Value;
            lock (counts)
            {
                counts[$"{instrument.Name}:{channel}"] = counts.GetValueOrDefault($"{instrument.Name}:{channel}") + value;
            }
        });
        listener.Start();
        _bot.Behaviour = FakeBotApi.Mode.ServerError;

        await QueueAsync(_anna, "Раз");
        await QueueAsync(_boris, "Два");
        await Dispatcher.DispatchDueAsync();

        Assert.Equal(OutboxMetrics.MeterName, meter.Name);
        Assert.Equal(2, counts["maxmontaj.notifications.failed:Telegram"]);
        Assert.Equal(2, counts["maxmontaj.notifications.sent:WhatsApp"]);
        Assert.False(counts.ContainsKey("maxmontaj.notifications.sent:Telegram"));
    }

    [Fact]
    public async Task A_commit_that_queues_wakes_the_outbox_and_a_rolled_back_one_does_not()
    {
        var signal = _db.Get<IOutboxSignal>();

        var rolledBack = signal.WhenNotified();
        await InTransactionAsync("откат", commit: false, saved => Assert.False(rolledBack.IsCompleted));
        Assert.False(rolledBack.IsCompleted);

        // Saved inside a transaction, the row is not visible to the worker until the commit: the signal waits for it.
        var committed = signal.WhenNotified();
        await InTransactionAsync("коммит", commit: true, saved => Assert.False(committed.IsCompleted));
        Assert.True(committed.IsCompleted);

        var plain = signal.WhenNotified();
        await QueueAsync(_boris, "без транзакции");
        Assert.True(plain.IsCompleted);
    }

    private async Task InTransactionAsync(string text, bool commit, Action<bool> afterSave)
    {
        await using var context = _db.NewContext();
        // MariaDB's retrying strategy runs a user transaction as one retriable unit.
        await context.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await context.Database.BeginTransactionAsync();
            Outbox.Enqueue(context, _anna, "chat", null, text, text, _db.Time.GetUtcNow());
            await context.SaveChangesAsync();
            afterSave(true);
            if (commit)
            {
                await transaction.CommitAsync();
            }
            else
            {
                await transaction.RollbackAsync();
            }
        });
    }

    private async Task<long> DirectAsync(int chat)
    {
        await using var context = _db.NewContext();
        Outbox.EnqueueDirect(context, "Telegram", chat.ToString(), "reply", $"Чат {chat}", $"direct-{chat}", _db.Time.GetUtcNow());
        await context.SaveChangesAsync();
        return context.Notifications.Local.Last().Id;
    }

    private async Task<BreakerView> BreakerAsync() => (await _db.Get<NotificationAdminService>().ChannelsAsync(["Telegram"])).Single().Breaker!;
}

[Trait("Category", "Sqlite")]
public sealed class OutboxFailoverTests_Sqlite : OutboxFailoverTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class OutboxFailoverTests_MariaDb : OutboxFailoverTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

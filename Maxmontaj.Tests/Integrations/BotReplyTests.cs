using System.Diagnostics;
using System.Net;
using Maxmontaj.Core.Notifications;
using Maxmontaj.Core.Registration;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Tests.Integrations;

/// <summary>
/// Bot replies are outbox rows committed with the handled mark and the conversation's step: the webhook answers at once
/// whatever the messenger does, and the reply arrives when the messenger is back (before, it was lost for good).
/// </summary>
public abstract class BotReplyTests(TelegramAppFactory telegram, WhatsAppAppFactory whatsApp)
{
    private static async Task<T> InDbAsync<T>(MaxmontajAppFactory app, Func<MaxmontajDbContext, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<MaxmontajDbContext>());
    }

    [Fact]
    public async Task A_telegram_reply_waits_in_the_outbox_while_the_bot_api_fails_and_is_delivered_once_it_recovers()
    {
        const long chat = 880001;
        telegram.Bot.Behaviour = FakeBotApi.Mode.ServerError;
        try
        {
            var clock = Stopwatch.StartNew();
            var response = await BotPayloads.PostTelegramAsync(telegram, BotPayloads.TelegramUpdate(chat, "/start", 5001));
            clock.Stop();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the webhook took {clock.Elapsed}");
            var reply = await InDbAsync(telegram, db => db.Notifications.SingleAsync(n => n.DirectAddress == $"Telegram:{chat}"));
            Assert.Equal(RegistrationConversation.ReplyKind, reply.Kind);
            Assert.True(await InDbAsync(telegram, db => db.ProcessedUpdates.AnyAsync(u => u.Channel == "Telegram" && u.UpdateId == "5001")));
            Assert.Equal(ApplicationStep.Name, (await InDbAsync(telegram, db => db.ExecutorApplications.SingleAsync(a => a.ExternalId == chat.ToString()))).Step);

            await telegram.DeliverDueAsync();          // the Bot API still fails: the reply stays queued for a retry
            Assert.DoesNotContain(telegram.Bot.Sent, s => s.ChatId == chat);
        }
        finally
        {
            telegram.Bot.Behaviour = FakeBotApi.Mode.Ok;
        }

        await telegram.DeliverUntilAsync(() => telegram.Bot.Sent.Any(s => s.ChatId == chat), TimeSpan.FromSeconds(20));

        Assert.Equal([BotTexts.AskName], telegram.Bot.Sent.Where(s => s.ChatId == chat).Select(s => s.Text));
        Assert.True(telegram.Bot.Bodies.Last(b => b["chat_id"]!.GetValue<long>() == chat)["reply_markup"]!["remove_keyboard"]!.GetValue<bool>());
        Assert.Equal(NotificationStatus.Delivered, (await InDbAsync(telegram, db => db.Notifications.SingleAsync(n => n.DirectAddress == $"Telegram:{chat}"))).Status);
    }

    [Fact]
    public async Task A_telegram_reply_whose_first_send_hangs_is_tried_again_in_the_chat_and_arrives()
    {
        const long chat = 880011;
        telegram.Bot.ChatBehaviour[chat] = FakeBotApi.Mode.Hang;
        try
        {
            var response = await BotPayloads.PostTelegramAsync(telegram, BotPayloads.TelegramUpdate(chat, "/start", 5011));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            // The send hangs until the outbox's own timeout: an unknown outcome. Another notification would move on to its
            // next channel; an answer in a chat has none, so it stays queued for the same chat instead of being lost.
            await telegram.DeliverDueAsync(TimeSpan.FromSeconds(15));
            Assert.Contains(chat, telegram.Bot.Received);
            Assert.DoesNotContain(telegram.Bot.Sent, s => s.ChatId == chat);
            var queued = await InDbAsync(telegram, db => db.Notifications.SingleAsync(n => n.DirectAddress == $"Telegram:{chat}"));
            Assert.Equal(NotificationStatus.Pending, queued.Status);
        }
        finally
        {
            telegram.Bot.ChatBehaviour.TryRemove(chat, out _);
        }

        await telegram.DeliverUntilAsync(() => telegram.Bot.Sent.Any(s => s.ChatId == chat), TimeSpan.FromSeconds(20));

        Assert.Equal([BotTexts.AskName], telegram.Bot.Sent.Where(s => s.ChatId == chat).Select(s => s.Text));
        Assert.Equal(NotificationStatus.Delivered, (await InDbAsync(telegram, db => db.Notifications.SingleAsync(n => n.DirectAddress == $"Telegram:{chat}"))).Status);
    }

    [Fact]
    public async Task A_whatsapp_reply_waits_in_the_outbox_while_the_graph_api_fails_and_is_delivered_once_it_recovers()
    {
        const string number = "79160000001";
        whatsApp.Graph.Behaviour = FakeGraphApi.Mode.ServerError;
        try
        {
            var clock = Stopwatch.StartNew();
            var response = await BotPayloads.PostWhatsAppAsync(whatsApp, BotPayloads.WhatsAppMessage(number, "Здравствуйте", "wamid.slow.1"));
            clock.Stop();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the webhook took {clock.Elapsed}");
            Assert.True(await InDbAsync(whatsApp, db => db.ProcessedUpdates.AnyAsync(u => u.Channel == "WhatsApp" && u.UpdateId == "wamid.slow.1")));
            await whatsApp.DeliverDueAsync();
            Assert.Empty(whatsApp.Graph.To(number));
        }
        finally
        {
            whatsApp.Graph.Behaviour = FakeGraphApi.Mode.Ok;
        }

        await whatsApp.DeliverUntilAsync(() => whatsApp.Graph.To(number).Count > 0, TimeSpan.FromSeconds(20));

        Assert.Equal([BotTexts.WhatsAppMenu], whatsApp.Graph.To(number));
    }

    [Fact]
    public async Task Parallel_first_messages_from_a_new_number_make_one_session_and_each_is_answered_once()
    {
        const string number = "79160000077";

        var responses = await Task.WhenAll(Enumerable.Range(1, 6)
            .Select(i => BotPayloads.PostWhatsAppAsync(whatsApp, BotPayloads.WhatsAppMessage(number, "Здравствуйте", $"wamid.par.{i}"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await InDbAsync(whatsApp, db => db.WhatsAppSessions.CountAsync(s => s.Phone == "+" + number)));
        Assert.Equal(6, await InDbAsync(whatsApp, db => db.ProcessedUpdates.CountAsync(u => u.UpdateId.StartsWith("wamid.par."))));
        await whatsApp.DeliverUntilAsync(() => whatsApp.Graph.To(number).Count >= 6, TimeSpan.FromSeconds(20));
        Assert.Equal(6, whatsApp.Graph.To(number).Count);
    }

    [Fact]
    public async Task The_same_update_delivered_several_times_at_once_is_handled_once()
    {
        const long chat = 880002;
        var json = BotPayloads.TelegramUpdate(chat, "Здравствуйте", 5002);

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => BotPayloads.PostTelegramAsync(telegram, json)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await InDbAsync(telegram, db => db.Notifications.CountAsync(n => n.DirectAddress == $"Telegram:{chat}")));
        await telegram.DeliverUntilAsync(() => telegram.Bot.Sent.Any(s => s.ChatId == chat), TimeSpan.FromSeconds(10));
        Assert.Equal([BotTexts.Unknown], telegram.Bot.Sent.Where(s => s.ChatId == chat).Select(s => s.Text));
    }
}

[Trait("Category", "Sqlite")]
public sealed class BotReplyTests_Sqlite(TelegramAppFactory telegram, WhatsAppAppFactory whatsApp)
    : BotReplyTests(telegram, whatsApp), IClassFixture<TelegramAppFactory>, IClassFixture<WhatsAppAppFactory>;

[Trait("Category", "MariaDb")]
public sealed class BotReplyTests_MariaDb(TelegramAppFactory_MariaDb telegram, WhatsAppAppFactory_MariaDb whatsApp)
    : BotReplyTests(telegram, whatsApp), IClassFixture<TelegramAppFactory_MariaDb>, IClassFixture<WhatsAppAppFactory_MariaDb>;

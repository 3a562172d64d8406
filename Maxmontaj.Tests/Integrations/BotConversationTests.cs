using System.Globalization;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Registration;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Tests.Integrations;

/// <summary>
/// People with an account talk to the bots as themselves: /start after /stop switches notifications back on (no contractor
/// application that dead-ends at "already registered"), and staff and customers get a menu of their own.
/// </summary>
[Trait("Category", "Sqlite")]
public sealed class TelegramConversationTests(TelegramAppFactory app) : IClassFixture<TelegramAppFactory>
{
    private static long _update = 60000;

    private async Task<string> SayAsync(long chat, string text)
    {
        await BotPayloads.PostTelegramAsync(app, BotPayloads.TelegramUpdate(chat, text, Interlocked.Increment(ref _update)));
        await app.DeliverDueAsync();
        return app.Bot.Sent.Where(s => s.ChatId == chat).Select(s => s.Text).LastOrDefault() ?? "";
    }

    private async Task<ApplicationUser> UserAsync(Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MaxmontajDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == id);
    }

    private async Task<ApplicationUser> LinkedAsync(string role, long chat)
    {
        var user = await app.CreateUserAsync(role);
        await app.UpdateUserAsync(user.Id, u => u.TelegramChatId = chat);
        return user;
    }

    [Fact]
    public async Task Start_after_stop_switches_notifications_back_on_and_starts_no_application()
    {
        const long chat = 880101;
        var fitter = await LinkedAsync(Roles.Executor, chat);

        Assert.Equal(BotTexts.Stopped, await SayAsync(chat, "/stop"));
        Assert.DoesNotContain("Telegram", (await UserAsync(fitter.Id)).NotificationChannels);

        Assert.Equal(BotTexts.Resumed, await SayAsync(chat, "/start"));

        var user = await UserAsync(fitter.Id);
        Assert.Equal(("Telegram,WhatsApp,Email", (long?)chat), (user.NotificationChannels, user.TelegramChatId));
        await app.WithDbAsync(async db => Assert.False(await db.ExecutorApplications.AnyAsync(a => a.ExternalId == chat.ToString())));
    }

    [Fact]
    public async Task A_dispatcher_writing_to_the_bot_gets_the_staff_menu_and_help_not_the_contractor_application()
    {
        const long chat = 880102;
        await LinkedAsync(Roles.Dispatcher, chat);

        Assert.Equal(BotTexts.Menu(staff: true, notificationsOn: true), await SayAsync(chat, "Здравствуйте"));
        Assert.Equal(BotTexts.StaffHelp, await SayAsync(chat, "3"));
        Assert.Equal(BotTexts.NoNextJob, await SayAsync(chat, "/next"));
        await app.WithDbAsync(async db => Assert.False(await db.ExecutorApplications.AnyAsync(a => a.ExternalId == chat.ToString())));
    }
}

[Trait("Category", "Sqlite")]
public sealed class WhatsAppConversationTests(WhatsAppAppFactory app) : IClassFixture<WhatsAppAppFactory>
{
    private static int _message;

    private async Task<string> SayAsync(string number, string text)
    {
        await BotPayloads.PostWhatsAppAsync(app, BotPayloads.WhatsAppMessage(number, text, $"wamid.conv.{Interlocked.Increment(ref _message)}"));
        await app.DeliverDueAsync();
        return app.Graph.To(number).LastOrDefault() ?? "";
    }

    [Fact]
    public async Task An_executor_gets_the_staff_menu_their_next_job_and_can_mute_and_unmute_whatsapp()
    {
        const string number = "79160000123";
        var fitter = await app.CreateUserAsync(Roles.Executor, phone: "+" + number);
        var start = DateTimeOffset.UtcNow.AddDays(1);
        var order = await app.AddOrderAsync("Ольга Клиентова", start: start);
        await app.WithDbAsync(db =>
        {
            db.OrderAssignments.Add(new OrderAssignment { OrderId = order.Id, UserId = fitter.Id, Role = AssignmentRole.Lead, AssignedAt = DateTimeOffset.UtcNow });
            return Task.CompletedTask;
        });

        Assert.Equal(BotTexts.Menu(staff: true, notificationsOn: true), await SayAsync(number, "Здравствуйте"));
        var when = CompanyCalendar.Moscow().ToLocal(start).ToString("dd.MM HH:mm", CultureInfo.InvariantCulture);
        Assert.Equal(BotTexts.NextJob(when, order.Number, "Установка окон", "ул. Тестовая, 1"), await SayAsync(number, "1"));

        Assert.Equal(BotTexts.Stopped, await SayAsync(number, "2"));
        await app.WithDbAsync(async db => Assert.Equal("Telegram,Email", (await db.Users.SingleAsync(u => u.Id == fitter.Id)).NotificationChannels));
        Assert.Equal(BotTexts.Menu(staff: true, notificationsOn: false), await SayAsync(number, "меню"));
        Assert.Equal(BotTexts.Resumed, await SayAsync(number, "2"));
        await app.WithDbAsync(async db => Assert.Equal("WhatsApp,Telegram,Email", (await db.Users.SingleAsync(u => u.Id == fitter.Id)).NotificationChannels));
        await app.WithDbAsync(async db => Assert.False(await db.ExecutorApplications.AnyAsync(a => a.ExternalId == number)));
    }

    [Fact]
    public async Task A_customer_with_a_confirmed_number_gets_their_last_order_and_an_unconfirmed_one_the_public_menu()
    {
        const string confirmed = "79160000124";
        const string unconfirmed = "79160000125";
        var customer = await app.CreateUserAsync(Roles.Customer, phone: "+" + confirmed);
        await app.UpdateUserAsync(customer.Id, u => u.PhoneNumberConfirmed = true);
        await app.CreateUserAsync(Roles.Customer, phone: "+" + unconfirmed);
        var order = await app.AddOrderAsync("Покупатель", start: DateTimeOffset.UtcNow.AddDays(2));
        await app.WithDbAsync(async db => (await db.Orders.SingleAsync(o => o.Id == order.Id)).CustomerId = customer.Id);

        Assert.Equal(BotTexts.Menu(staff: false, notificationsOn: true), await SayAsync(confirmed, "Здравствуйте"));
        Assert.Equal(BotTexts.LastOrder(order.Number, "визит запланирован"), await SayAsync(confirmed, "1"));
        Assert.Equal(BotTexts.WhatsAppMenu, await SayAsync(unconfirmed, "Здравствуйте"));
    }
}

using System.Net;
using System.Text;
using Maxmontaj.Core.Notifications;
using Maxmontaj.Core.Registration;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Tests.Integrations;

/// <summary>The app with its Telegram bot pointed at a fake Bot API on 127.0.0.1.</summary>
public class TelegramAppFactory : MaxmontajAppFactory
{
    public const string Secret = "webhook-secret-42";

    public FakeBotApi Bot { get; private set; } = default!;

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Telegram:Token"] = "123456:TEST",
        ["Telegram:BaseUrl"] = Bot.BaseUrl,
        ["Telegram:WebhookSecret"] = Secret,
        ["Notifications:PollSeconds"] = "3600",
        ["Notifications:FirstRetrySeconds"] = "1",
    };

    public LogCapture Log { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<Serilog.Core.ILogEventSink>(Log));
    }

    public override async Task InitializeAsync()
    {
        Bot = await FakeBotApi.StartAsync();
        await base.InitializeAsync();
    }
}

[Trait("Category", "Sqlite")]
public sealed class TelegramRegistrationTests(TelegramAppFactory app) : IClassFixture<TelegramAppFactory>
{
    private const long Chat = 777001;
    private const long Sender = 900001;
    private static int _updateId = 1000;

    private static string Update(long chat, string? text = null, string? contactPhone = null, long? contactUser = null, int? id = null)
    {
        var message = new StringBuilder($"{{\"message_id\":{Interlocked.Increment(ref _updateId)},\"date\":1764300000,\"chat\":{{\"id\":{chat},\"type\":\"private\"}},\"from\":{{\"id\":{Sender},\"is_bot\":false,\"first_name\":\"Иван\"}}");
        if (text is not null)
        {
            message.Append($",\"text\":\"{text}\"");
        }

        if (contactPhone is not null)
        {
            message.Append($",\"contact\":{{\"phone_number\":\"{contactPhone}\",\"first_name\":\"Иван\",\"user_id\":{contactUser}}}");
        }

        return $"{{\"update_id\":{id ?? Interlocked.Increment(ref _updateId)},\"message\":{message}}}}}";
    }

    private async Task<HttpResponseMessage> PostAsync(string json, string? secret = TelegramAppFactory.Secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/webhook") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (secret is not null)
        {
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        }

        var response = await app.CreateClient().SendAsync(request);
        // The replies are outbox rows committed with the update; the worker sends them right after.
        await app.DeliverDueAsync();
        return response;
    }

    private string LastReply(long chat) => app.Bot.Sent.Where(s => s.ChatId == chat).Select(s => s.Text).LastOrDefault() ?? "";

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-secret")]
    public async Task A_webhook_without_the_right_secret_gets_401_and_changes_nothing(string? secret)
    {
        var before = app.Bot.Calls;

        var response = await PostAsync(Update(555, "/start"), secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, app.Bot.Calls);
    }


    [Fact]
    public async Task An_unknown_chat_gets_a_polite_answer_and_a_replayed_update_is_handled_once()
    {
        const long stranger = 555002;
        var json = Update(stranger, "Здравствуйте", id: 99);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(json)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(json)).StatusCode);

        Assert.Equal([BotTexts.Unknown], app.Bot.Sent.Where(s => s.ChatId == stranger).Select(s => s.Text));
    }

    [Fact]
    public async Task An_existing_user_links_telegram_through_a_one_time_deep_link()
    {
        const long chat = 777002;
        var customer = await app.CreateUserAsync(Roles.Customer, "linker@example.ru");
        var payload = await app.AsAsync(customer.Id, Roles.Customer, sp => sp.GetRequiredService<TelegramLinkService>().CreateAsync());

        await PostAsync(Update(chat, "/start " + payload));
        var linked = LastReply(chat);
        await PostAsync(Update(777003, "/start " + payload));

        Assert.Equal(BotTexts.Linked, linked);
        Assert.Equal(BotTexts.LinkInvalid, LastReply(777003));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Maxmontaj.Data.MaxmontajDbContext>();
        Assert.Equal(chat, (await db.Users.SingleAsync(u => u.Id == customer.Id)).TelegramChatId);
    }

    [Fact]
    public async Task A_customer_confirms_their_phone_by_sharing_their_own_contact_in_the_linked_chat()
    {
        const long chat = 777004;
        var customer = await app.CreateUserAsync(Roles.Customer, "contact@example.ru", "+7 916 700-00-04");
        var payload = await app.AsAsync(customer.Id, Roles.Customer, sp => sp.GetRequiredService<TelegramLinkService>().CreateAsync());

        await PostAsync(Update(chat, "/start " + payload));
        Assert.Equal([BotTexts.Linked, BotTexts.ShareToConfirmPhone], app.Bot.Sent.Where(s => s.ChatId == chat).Select(s => s.Text));
        Assert.True(app.Bot.Bodies.Last()["reply_markup"]!["keyboard"]![0]![0]!["request_contact"]!.GetValue<bool>());
        await PostAsync(Update(chat, contactPhone: "+79167000004", contactUser: 123));      // someone else's card with that number
        Assert.Equal(BotTexts.NotOwnContact, LastReply(chat));
        await PostAsync(Update(chat, contactPhone: "+79167000099", contactUser: Sender));  // their own, but another number
        Assert.Equal(BotTexts.PhoneContactMismatch, LastReply(chat));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Maxmontaj.Data.MaxmontajDbContext>();
            Assert.False((await db.Users.SingleAsync(u => u.Id == customer.Id)).PhoneNumberConfirmed);
        }

        await PostAsync(Update(chat, contactPhone: "79167000004", contactUser: Sender));

        Assert.Equal(BotTexts.PhoneVerified, LastReply(chat));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Maxmontaj.Data.MaxmontajDbContext>();
            Assert.True((await db.Users.SingleAsync(u => u.Id == customer.Id)).PhoneNumberConfirmed);
        }
    }

    [Fact]
    public async Task The_whole_registration_ends_with_an_approved_executor_who_signs_in()
    {
        await PostAsync(Update(Chat, "/start recruit-avito"));
        Assert.Equal(BotTexts.AskName, LastReply(Chat));
        await PostAsync(Update(Chat, "Иван Подрядчиков"));
        Assert.Equal(BotTexts.AskPhone, LastReply(Chat));
        Assert.True(app.Bot.Bodies.Last()["reply_markup"]!["keyboard"]![0]![0]!["request_contact"]!.GetValue<bool>());

        await PostAsync(Update(Chat, contactPhone: "+79161234567", contactUser: 123));      // someone else's contact
        Assert.Equal(BotTexts.NotOwnContact, LastReply(Chat));
        await PostAsync(Update(Chat, contactPhone: "79161234567", contactUser: Sender));
        Assert.StartsWith(BotTexts.AskSkills, LastReply(Chat));
        Assert.Contains("1. Установка окон", LastReply(Chat));
        await PostAsync(Update(Chat, "1, 3"));
        Assert.Equal(BotTexts.AskDistrict, LastReply(Chat));
        await PostAsync(Update(Chat, "Северный"));
        Assert.Equal(BotTexts.Submitted, LastReply(Chat));

        var pending = await app.AsDispatcherAsync(sp => sp.GetRequiredService<ApplicationService>().ListAsync());
        var application = Assert.Single(pending);
        Assert.Equal(("Иван Подрядчиков", "+79161234567", "Северный", "recruit-avito"), (application.FullName, application.Phone, application.District, application.Source));
        Assert.Equal(["Установка окон", "Установка кондиционеров"], application.Skills);

        var link = (await app.AsDispatcherAsync(sp => sp.GetRequiredService<ApplicationService>().ApproveAsync(application.Id))).Value!;
        await app.AsDispatcherAsync(sp => sp.GetRequiredService<OutboxDispatcher>().DispatchDueAsync());
        Assert.Equal(BotTexts.Approved(link), LastReply(Chat));
        Assert.StartsWith("http://localhost/account/invite?user=", link);
        // The stored message keeps the one-time link sealed, never in clear.
        await app.WithDbAsync(async db => Assert.DoesNotContain("account/invite", (await db.Notifications.SingleAsync(n => n.Kind == "registration" && n.Text.Contains("[[sealed:"))).Text));

        // The applicant opens the one-time link, sets a password and is in.
        var client = SignInForm.NewClient(app);
        var set = await SignInForm.AcceptInviteAsync(client, link, "Fitter-Pass-2026");
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/executor/orders")).StatusCode);

        var again = await SignInForm.SignedInClientAsync(app, "8 916 123-45-67", "Fitter-Pass-2026");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/executor/orders")).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Maxmontaj.Data.MaxmontajDbContext>();
        Assert.Equal(Chat, (await db.Users.SingleAsync(u => u.PhoneNumber == "+79161234567")).TelegramChatId);

        // Linked now: /stop switches Telegram off for the account; the chat stays known, so /start can switch it on again.
        await PostAsync(Update(Chat, "/stop"));
        Assert.Equal(BotTexts.Stopped, LastReply(Chat));
        var stopped = await db.Users.AsNoTracking().SingleAsync(u => u.PhoneNumber == "+79161234567");
        Assert.Equal((Chat, "WhatsApp,Email"), (stopped.TelegramChatId, stopped.NotificationChannels));
    }
}

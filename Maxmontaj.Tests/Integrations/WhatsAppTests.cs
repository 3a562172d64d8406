using System.Net;
using System.Security.Cryptography;
using System.Text;
using Maxmontaj.Core.Notifications;
using Maxmontaj.Core.Registration;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Tests.Integrations;

/// <summary>The app with WhatsApp pointed at a fake Graph API on 127.0.0.1.</summary>
public class WhatsAppAppFactory : MaxmontajAppFactory
{
    public const string Secret = "app-secret-7";
    public const string Verify = "verify-me";

    public FakeGraphApi Graph { get; private set; } = default!;

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["WhatsApp:BaseUrl"] = Graph.BaseUrl,
        ["WhatsApp:AccessToken"] = "token",
        ["WhatsApp:PhoneNumberId"] = "1000",
        ["WhatsApp:VerifyToken"] = Verify,
        ["WhatsApp:AppSecret"] = Secret,
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
        Graph = await FakeGraphApi.StartAsync();
        await base.InitializeAsync();
    }
}

[Trait("Category", "Sqlite")]
public sealed class WhatsAppWebhookTests(WhatsAppAppFactory app) : IClassFixture<WhatsAppAppFactory>
{
    private static int _id;

    private static string Message(string from, string text, string? id = null) =>
        $$$"""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","messages":[{"from":"{{{from}}}","id":"{{{id ?? "wamid.in." + Interlocked.Increment(ref _id)}}}","timestamp":"1764300000","type":"text","text":{"body":"{{{text}}}"}}]}}]}]}""";

    private async Task<HttpResponseMessage> PostAsync(string json, string? secret = WhatsAppAppFactory.Secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/whatsapp/webhook") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (secret is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(json))));
        }

        var response = await app.CreateClient().SendAsync(request);
        // The replies are outbox rows committed with the message; the worker sends them right after.
        await app.DeliverDueAsync();
        return response;
    }

    [Fact]
    public async Task The_verification_handshake_echoes_the_challenge_only_for_the_right_token()
    {
        var client = app.CreateClient();

        var good = await client.GetAsync($"/whatsapp/webhook?hub.mode=subscribe&hub.verify_token={WhatsAppAppFactory.Verify}&hub.challenge=12345");
        var bad = await client.GetAsync("/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=12345");

        Assert.Equal("12345", await good.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, bad.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("someone-elses-secret")]
    public async Task A_post_without_a_valid_signature_gets_401_and_changes_nothing(string? secret)
    {
        var before = app.Graph.Sent.Count;

        var response = await PostAsync(Message("79990000001", "1"), secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, app.Graph.Sent.Count);
    }


    [Fact]
    public async Task A_phone_code_from_the_customers_number_confirms_it_and_a_redelivered_wrong_code_spends_one_try()
    {
        const string number = "79167000005";
        var customer = await app.CreateUserAsync(Roles.Customer, "wa-code@example.ru", "+" + number);
        var code = (await app.AsAsync(customer.Id, Roles.Customer, sp => sp.GetRequiredService<Maxmontaj.Core.Customers.PhoneVerificationService>().StartAsync())).Value!;
        var wrong = Message(number, code.Code == "000000" ? "111111" : "000000", "wamid.code.wrong");

        await PostAsync(wrong);
        await PostAsync(wrong);

        Assert.Equal([BotTexts.PhoneCodeWrong], app.Graph.To(number));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MaxmontajDbContext>();
            var claim = await db.UserTokens.SingleAsync(t => t.UserId == customer.Id);
            Assert.EndsWith($"|{Maxmontaj.Core.Customers.PhoneVerificationService.MaxTries - 1}", claim.Value);
        }

        await PostAsync(Message(number, code.Code));

        Assert.Equal(BotTexts.PhoneVerified, app.Graph.To(number)[^1]);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MaxmontajDbContext>();
            Assert.True((await db.Users.SingleAsync(u => u.Id == customer.Id)).PhoneNumberConfirmed);
        }
    }

    [Fact]
    public async Task The_numbered_menu_registration_reaches_the_queue_with_the_senders_own_number_and_duplicates_count_once()
    {
        const string number = "79161112233";
        await PostAsync(Message(number, "Здравствуйте"));
        Assert.Equal(BotTexts.WhatsAppMenu, app.Graph.To(number)[^1]);
        await PostAsync(Message(number, "1"));
        Assert.Equal(BotTexts.AskName, app.Graph.To(number)[^1]);
        await PostAsync(Message(number, "Олег Подрядчиков"));
        Assert.StartsWith(BotTexts.AskSkills, app.Graph.To(number)[^1]);
        var duplicate = Message(number, "2", "wamid.dup.1");
        await PostAsync(duplicate);
        await PostAsync(duplicate);
        Assert.Equal(BotTexts.AskDistrict, app.Graph.To(number)[^1]);
        await PostAsync(Message(number, "Южный"));

        Assert.Equal(BotTexts.Submitted, app.Graph.To(number)[^1]);
        Assert.Equal(1, app.Graph.To(number).Count(t => t == BotTexts.AskDistrict));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaxmontajDbContext>();
        var application = await db.ExecutorApplications.SingleAsync(a => a.Channel == "WhatsApp" && a.ExternalId == number);
        Assert.Equal((ApplicationStatus.Submitted, "+79161112233", "Олег Подрядчиков", "Южный"), (application.Status, application.Phone, application.FullName, application.District));
        Assert.NotNull(await db.WhatsAppSessions.SingleOrDefaultAsync(s => s.Phone == "+79161112233"));

        // The dispatcher approves; the one-time link goes back over WhatsApp (inside the window) and lets the applicant in.
        var link = (await app.AsDispatcherAsync(sp => sp.GetRequiredService<ApplicationService>().ApproveAsync(application.Id))).Value!;
        await app.AsDispatcherAsync(sp => sp.GetRequiredService<OutboxDispatcher>().DispatchDueAsync());
        Assert.Equal(BotTexts.Approved(link), app.Graph.To(number)[^1]);
        Assert.StartsWith("http://localhost/account/invite?user=", link);

        var client = SignInForm.NewClient(app);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.AcceptInviteAsync(client, link, "Fitter-Pass-2026")).StatusCode);
        var signedIn = await SignInForm.SignedInClientAsync(app, "8 916 111-22-33", "Fitter-Pass-2026");
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/executor/orders")).StatusCode);
    }
}

/// <summary>Set-up for WhatsApp as a channel: a customer who prefers WhatsApp then email, with one notification queued.</summary>
public abstract class WhatsAppFixtureBase : IAsyncLifetime
{
    protected FakeGraphApi Graph { get; private set; } = default!;
    protected SmtpSink Smtp { get; private set; } = default!;
    protected TestDatabase Db { get; private set; } = default!;

    protected abstract DatabaseProvider Provider { get; }

    protected virtual string? Template => null;

    public async Task InitializeAsync()
    {
        Graph = await FakeGraphApi.StartAsync();
        Smtp = SmtpSink.Start();
        Db = await TestDatabase.CreateAsync(Provider, configure: s => s.AddMaxmontajNotifications(runWorker: false), settings: new Dictionary<string, string?>
        {
            ["WhatsApp:BaseUrl"] = Graph.BaseUrl, ["WhatsApp:AccessToken"] = "t", ["WhatsApp:PhoneNumberId"] = "1000", ["WhatsApp:TemplateName"] = Template,
            ["Email:Host"] = "127.0.0.1", ["Email:Port"] = Smtp.Port.ToString(), ["Email:Security"] = "None",
        });
        Db.CurrentUser.As(Guid.NewGuid(), Roles.Admin);
        var user = (await Db.Get<UserAdministrationService>().CreateAsync(new UserEditModel
        {
            FullName = "Ольга Клиентова", Email = "olga@example.ru", PhoneNumber = "+7 916 555-00-11", Roles = [Roles.Customer], Password = "Secret-Pass-123",
        })).Value;
        await using var context = Db.NewContext();
        (await context.Users.SingleAsync(u => u.Id == user)).NotificationChannels = "WhatsApp,Email";
        Outbox.Enqueue(context, user, "status", null, "Заказ 2026-000001: работы выполнены.", "wa-1", Db.Time.GetUtcNow());
        await context.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await Db.DisposeAsync();
        await Graph.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    protected async Task OpenWindowAsync()
    {
        await using var context = Db.NewContext();
        context.WhatsAppSessions.Add(new WhatsAppSession { Phone = "+79165550011", LastInboundAt = Db.Time.GetUtcNow().AddHours(-2) });
        await context.SaveChangesAsync();
    }

    protected async Task<Notification> NotificationAsync()
    {
        await using var context = Db.NewContext();
        return await context.Notifications.SingleAsync(n => n.IdempotencyKey == "wa-1");
    }
}

/// <summary>WhatsApp as a notification channel: the 24-hour window, and failures reported after the fact.</summary>
public abstract class WhatsAppChannelTests : WhatsAppFixtureBase
{
    [Fact]
    public async Task Inside_the_window_free_text_goes_by_whatsapp()
    {
        await OpenWindowAsync();

        await Db.Get<OutboxDispatcher>().DispatchDueAsync();

        Assert.Equal(["Заказ 2026-000001: работы выполнены."], Graph.To("79165550011"));
        Assert.Equal("WhatsApp", (await NotificationAsync()).DeliveredVia);
    }

    [Fact]
    public async Task Outside_the_window_without_a_template_email_delivers()
    {
        await Db.Get<OutboxDispatcher>().DispatchDueAsync();

        Assert.Empty(Graph.Sent);
        Assert.Equal("Email", (await NotificationAsync()).DeliveredVia);
        Assert.Single(Smtp.Messages);
    }

    [Fact]
    public async Task A_failed_status_callback_reopens_the_notification_for_the_next_channel()
    {
        await OpenWindowAsync();
        var dispatcher = Db.Get<OutboxDispatcher>();
        await dispatcher.DispatchDueAsync();
        Assert.Equal("WhatsApp", (await NotificationAsync()).DeliveredVia);

        await dispatcher.ReportStatusAsync("WhatsApp", "wamid.1", "failed", failed: true, "131047: Re-engagement message");
        await dispatcher.DispatchDueAsync();

        var notification = await NotificationAsync();
        Assert.Equal((NotificationStatus.Delivered, "Email"), (notification.Status, notification.DeliveredVia));
        Assert.Single(Graph.Sent);
        Assert.Single(Smtp.Messages);
    }
}

[Trait("Category", "Sqlite")]
public sealed class WhatsAppChannelTests_Sqlite : WhatsAppChannelTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class WhatsAppChannelTests_MariaDb : WhatsAppChannelTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

[Trait("Category", "Sqlite")]
public sealed class WhatsAppTemplateTests : WhatsAppFixtureBase
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string? Template => "order_update";

    [Fact]
    public async Task Outside_the_window_the_approved_template_carries_the_text()
    {
        await Db.Get<OutboxDispatcher>().DispatchDueAsync();

        Assert.Equal(["template:Заказ 2026-000001: работы выполнены."], Graph.To("79165550011"));
        Assert.Equal("WhatsApp", (await NotificationAsync()).DeliveredVia);
    }

    [Fact]
    public async Task Meta_refusing_with_131047_hands_over_to_email()
    {
        Graph.Behaviour = FakeGraphApi.Mode.OutsideWindow;

        await Db.Get<OutboxDispatcher>().DispatchDueAsync();

        Assert.Equal("Email", (await NotificationAsync()).DeliveredVia);
    }
}

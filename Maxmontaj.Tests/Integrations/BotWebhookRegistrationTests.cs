using System.Net;
using Bunit;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Integrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;

namespace Maxmontaj.Tests.Integrations;

/// <summary>Telegram's webhook is registered at start (setWebhook with the secret); a failure is logged and shown, not fatal.</summary>
[Trait("Category", "Sqlite")]
public sealed class TelegramWebhookRegistrationTests(TelegramAppFactory app) : IClassFixture<TelegramAppFactory>
{
    [Fact]
    public async Task At_start_the_app_calls_setWebhook_with_its_public_address_and_the_secret()
    {
        _ = app.Services;   // starts the app
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!app.Bot.OtherCalls.Any(c => c.Method == "setWebhook") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var call = Assert.Single(app.Bot.OtherCalls, c => c.Method == "setWebhook");
        Assert.Equal("http://localhost/telegram/webhook", call.Body["url"]!.GetValue<string>());
        Assert.Equal(TelegramAppFactory.Secret, call.Body["secret_token"]!.GetValue<string>());
        Assert.Equal(["message"], call.Body["allowed_updates"]!.AsArray().Select(u => u!.GetValue<string>()));
        Assert.NotNull(app.Services.GetRequiredService<BotWebhooks>().Info().TelegramRegisteredAt);
    }
}

/// <summary>The Bot API refuses connections: the app starts anyway, logs a warning and the admin page shows the failure.</summary>
public sealed class UnreachableTelegramAppFactory : MaxmontajAppFactory
{
    public LogCapture Log { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Telegram:Token"] = "123456:TEST",
        ["Telegram:BaseUrl"] = "http://127.0.0.1:1",
        ["Telegram:WebhookSecret"] = TelegramAppFactory.Secret,
        ["Notifications:PollSeconds"] = "3600",
    };

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<Serilog.Core.ILogEventSink>(Log));
    }
}

[Trait("Category", "Sqlite")]
public sealed class TelegramWebhookRegistrationFailureTests(UnreachableTelegramAppFactory app) : IClassFixture<UnreachableTelegramAppFactory>
{
    [Fact]
    public async Task A_failed_registration_is_logged_and_shown_and_the_app_keeps_serving()
    {
        var webhooks = app.Services.GetRequiredService<BotWebhooks>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (webhooks.Info().TelegramError is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.NotNull(webhooks.Info().TelegramError);
        Assert.Contains(app.Log.Events, e => e.Level == LogEventLevel.Warning && e.RenderMessage().Contains("Telegram webhook"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync("/telegram/webhook", new StringContent("{}"))).StatusCode);
    }
}

/// <summary>The admin page's webhook panel: both addresses and what to paste into Meta's console, never a secret.</summary>
public sealed class BotWebhooksPanelTests : BunitTestBase
{
    [Fact]
    public void The_panel_shows_both_webhook_addresses_and_the_meta_hints_without_secrets()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["App:PublicBaseUrl"] = "https://crm.example.ru/",
            ["Telegram:WebhookSecret"] = "tg-secret-value",
            ["WhatsApp:VerifyToken"] = "verify-token-value",
            ["WhatsApp:AppSecret"] = "app-secret-value",
        }).Build();
        Services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(configuration);
        Services.AddOptions<Maxmontaj.Web.Links.PublicAddressOptions>().BindConfiguration("App");
        Services.AddOptions<Maxmontaj.Web.Integrations.Telegram.TelegramOptions>().BindConfiguration("Telegram");
        Services.AddOptions<Maxmontaj.Web.Integrations.WhatsApp.WhatsAppOptions>().BindConfiguration("WhatsApp");
        Services.AddSingleton<BotWebhooks>();
        Services.AddSingleton(Maxmontaj.Core.Common.CompanyCalendar.Moscow());

        var panel = Render<Maxmontaj.Web.Components.Pages.Admin.BotWebhooksPanel>();

        Assert.Equal("https://crm.example.ru/telegram/webhook", panel.Find("[data-testid=telegram-webhook]").TextContent);
        Assert.Equal("https://crm.example.ru/whatsapp/webhook", panel.Find("[data-testid=whatsapp-webhook]").TextContent);
        Assert.Contains("WhatsApp:VerifyToken", panel.Markup);
        Assert.Contains("messages", panel.Markup);
        Assert.DoesNotContain("verify-token-value", panel.Markup);
        Assert.DoesNotContain("app-secret-value", panel.Markup);
        Assert.DoesNotContain("tg-secret-value", panel.Markup);
    }
}

/// <summary>The app in long-polling mode against the fake Bot API.</summary>
public sealed class PollingTelegramAppFactory : MaxmontajAppFactory
{
    public FakeBotApi Bot { get; private set; } = default!;

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Telegram:Token"] = "123456:TEST",
        ["Telegram:BaseUrl"] = Bot.BaseUrl,
        ["Telegram:Mode"] = "Polling",
        ["Notifications:PollSeconds"] = "3600",
        ["Notifications:FirstRetrySeconds"] = "1",
    };

    public override async Task InitializeAsync()
    {
        Bot = await FakeBotApi.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Bot.DisposeAsync();
    }
}

[Trait("Category", "Sqlite")]
public sealed class TelegramPollingTests(PollingTelegramAppFactory app) : IClassFixture<PollingTelegramAppFactory>
{
    [Fact]
    public async Task A_polled_update_is_handled_once_and_its_reply_is_delivered_after_the_bot_api_refused_it_at_first()
    {
        const long chat = 880301;
        app.Bot.RefuseSends = true;
        _ = app.Services;   // starts the app and its polling
        app.Bot.PendingUpdates.Enqueue(System.Text.Json.Nodes.JsonNode.Parse(BotPayloads.TelegramUpdate(chat, "/start", 9001))!);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && await BotPayloads.StoredAsync(app) is { Updates: 0 })
        {
            await Task.Delay(50);
        }

        // The reply is an outbox row, committed with the handled mark (before, it was sent from the polling loop and lost).
        await app.WithDbAsync(async db => Assert.True(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(
            db.Notifications, n => n.DirectAddress == $"Telegram:{chat}" && n.Kind == "bot")));
        await app.DeliverDueAsync();               // sendMessage still refused: the reply stays queued
        Assert.DoesNotContain(app.Bot.Sent, s => s.ChatId == chat);
        app.Bot.RefuseSends = false;
        await app.DeliverUntilAsync(() => app.Bot.Sent.Any(s => s.ChatId == chat), TimeSpan.FromSeconds(20));

        Assert.Equal([Maxmontaj.Core.Registration.BotTexts.AskName], app.Bot.Sent.Where(s => s.ChatId == chat).Select(s => s.Text));
        Assert.Equal(1, (await BotPayloads.StoredAsync(app)).Updates);
        Assert.Contains(app.Bot.OtherCalls, c => c.Method == "deleteWebhook");
        Assert.DoesNotContain(app.Bot.OtherCalls, c => c.Method == "setWebhook");
    }
}

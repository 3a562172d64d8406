using System.Net;
using Maxmontaj.Core.Notifications;
using Maxmontaj.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Tests.Web;

/// <summary>
/// The app writing its log file at Information, HttpClient's own logging included (as a developer might turn it on), with a
/// Telegram bot on a fake Bot API.
/// </summary>
public sealed class LoggingAppFactory : MaxmontajAppFactory
{
    public const string BotToken = "7012345678:AAHx9Secret_Token-Part0123456789";

    private readonly string _logs = Path.Combine(Path.GetTempPath(), "maxmontaj-tests", "logs-" + Guid.NewGuid().ToString("N"));

    public FakeBotApi Bot { get; private set; } = default!;

    public string LogText()
    {
        var file = Directory.GetFiles(_logs, "*.log").Single();
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Serilog:MinimumLevel:Default"] = "Information",
        ["Serilog:MinimumLevel:Override:System.Net.Http.HttpClient"] = "Information",
        ["Serilog:WriteTo:1:Args:path"] = Path.Combine(_logs, "maxmontaj-.log"),
        ["Telegram:Token"] = BotToken,
        ["Telegram:BaseUrl"] = Bot.BaseUrl,
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
public sealed class LogSecretsTests(LoggingAppFactory app) : IClassFixture<LoggingAppFactory>
{
    private const string StatusToken = "Zk3vQ9xLr2TfW8yPq1sHaB";
    private const string InvitationToken = "CfDJ8InviteSecretToken0123";

    [Fact]
    public async Task The_log_file_keeps_no_bot_token_no_status_token_and_no_invitation_token()
    {
        var client = SignInForm.NewClient(app);
        var telegram = app.Services.GetServices<INotificationChannel>().Single(c => c.Name == "Telegram");

        var status = await client.GetAsync($"/s/{StatusToken}");
        await client.GetAsync($"/account/invite?user={Guid.NewGuid()}&token={InvitationToken}");
        var sent = await telegram.SendAsync(new NotificationRecipient(Guid.NewGuid(), "Получатель", null, null, 42), "Проверка", CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.True(sent.Outcome == DeliveryOutcome.Sent, sent.Error);
        // Request logging writes after the response went out: wait for its line, which shows the log really is being written.
        var log = "";
        for (var waited = 0; waited < 100 && !(log.Contains("/s/***") && log.Contains("/bot***/sendMessage")); waited++)
        {
            await Task.Delay(100);
            log = app.LogText();
        }

        Assert.Contains("/s/***", log);
        Assert.Contains("/bot***/sendMessage", log);
        Assert.DoesNotContain(StatusToken, log);
        Assert.DoesNotContain(LoggingAppFactory.BotToken.Split(':')[1], log);
        Assert.DoesNotContain(InvitationToken, log);
    }

    [Fact]
    public void Tokens_are_masked_in_scopes_uris_and_nested_values_too()
    {
        var parser = new Serilog.Parsing.MessageTemplateParser();
        var logEvent = new Serilog.Events.LogEvent(DateTimeOffset.UtcNow, Serilog.Events.LogEventLevel.Information, null, parser.Parse("{Uri}"),
        [
            new("Uri", new Serilog.Events.ScalarValue(new Uri($"https://api.telegram.org/bot{LoggingAppFactory.BotToken}/getUpdates"))),
            new("Scope", new Serilog.Events.SequenceValue([new Serilog.Events.ScalarValue($"HTTP GET http://app/s/{StatusToken}?x=1")])),
            new("QueryString", new Serilog.Events.ScalarValue($"?user=1&token={InvitationToken}&b=2")),
            new("Count", new Serilog.Events.ScalarValue(42)),
        ]);

        new Maxmontaj.Web.SecretMaskingEnricher().Enrich(logEvent, null!);

        var text = string.Join(" ", logEvent.Properties.Values.Select(v => v.ToString()));
        Assert.Contains("/bot***/getUpdates", text);
        Assert.Contains("/s/***?x=1", text);
        Assert.Contains("&token=***&b=2", text);
        Assert.DoesNotContain(LoggingAppFactory.BotToken, text);
        Assert.DoesNotContain(StatusToken, text);
        Assert.DoesNotContain(InvitationToken, text);
        Assert.Equal(42, ((Serilog.Events.ScalarValue)logEvent.Properties["Count"]).Value);
    }
}

using System.Net;
using System.Text.Json;
using Maxmontaj.Core.Notifications;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Health;

namespace Maxmontaj.Tests.Health;

/// <summary>The app on Kestrel (a real loopback socket, so the client address is real), with the outbox worker idle.</summary>
public sealed class HealthAppFactory : MaxmontajAppFactory
{
    protected override IReadOnlyDictionary<string, string?> Overrides { get; } = new Dictionary<string, string?>
    {
        // One pass at start, then idle: the rows a test arranges stay as arranged.
        ["Notifications:PollSeconds"] = "3600",
        // A commit that queues wakes the worker at once: keep it from delivering the rows a test arranges.
        ["Notifications:Deliver"] = "false",
        ["Health:OutboxLagThreshold"] = "00:05:00",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _ = ServerAddress;
    }

    public HttpClient NewKestrelClient() => new() { BaseAddress = new Uri(ServerAddress) };
}

[Trait("Category", "Sqlite")]
public sealed class HealthTests(HealthAppFactory app) : IClassFixture<HealthAppFactory>
{
    [Fact]
    public async Task Live_and_ready_answer_a_loopback_client_without_sign_in_with_each_check_in_json()
    {
        var client = app.NewKestrelClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        var checks = body.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Sqlite", checks.GetProperty("database").GetProperty("data").GetProperty("provider").GetString());
        Assert.True(checks.TryGetProperty("outbox", out _));
        Assert.True(checks.TryGetProperty("messengers", out _));
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/metrics")]
    public async Task A_client_forwarded_from_elsewhere_gets_404_even_when_it_claims_to_be_loopback(string path)
    {
        var client = app.NewKestrelClient();

        // As Apache forwards a visitor: the TCP peer is loopback, X-Forwarded-For carries the visitor.
        var visitor = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "X-Forwarded-For", "203.0.113.9" } } };
        // A visitor who sends "X-Forwarded-For: 127.0.0.1" himself: Apache appends the address it saw.
        var spoofer = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "X-Forwarded-For", "127.0.0.1, 203.0.113.9" } } };
        // The administrator's own probe through Apache on the server.
        var local = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "X-Forwarded-For", "127.0.0.1" } } };

        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(visitor)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(spoofer)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(local)).StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1", "", true)]
    [InlineData("::1", "", true)]
    [InlineData("::ffff:127.0.0.1", "", true)]
    [InlineData("203.0.113.9", "", false)]
    [InlineData("203.0.113.9", "10.0.0.0/8;203.0.113.0/24", true)]
    [InlineData("203.0.114.9", "203.0.113.0/24", false)]
    [InlineData("2001:db8::5", "2001:db8::/32", true)]
    [InlineData("192.168.1.5", "192.168.1.5", true)]
    [InlineData("192.168.1.6", "192.168.1.5", false)]
    public void Allowed_networks_widen_loopback(string address, string networks, bool allowed) =>
        Assert.Equal(allowed, ProbeAccess.IsAllowed(IPAddress.Parse(address), networks.Split(';', StringSplitOptions.RemoveEmptyEntries)));

    [Fact]
    public async Task A_stale_outbox_and_a_failed_messenger_make_ready_degraded_but_still_200()
    {
        var now = DateTimeOffset.UtcNow;
        await app.WithDbAsync(db =>
        {
            var notification = new Notification
            {
                UserId = Guid.NewGuid(), Kind = "test", Text = "x", CreatedAt = now.AddMinutes(-20), NextAttemptAt = now.AddMinutes(-10),
                IdempotencyKey = "health-" + Guid.NewGuid(), Status = NotificationStatus.Pending,
            };
            db.Notifications.Add(notification);
            return Task.CompletedTask;
        });
        await app.WithDbAsync(async db =>
        {
            var id = db.Notifications.Single(n => n.Kind == "test").Id;
            db.NotificationAttempts.Add(new NotificationAttempt { NotificationId = id, Channel = "Telegram", At = now.AddMinutes(-2), Succeeded = true });
            db.NotificationAttempts.Add(new NotificationAttempt { NotificationId = id, Channel = "Telegram", At = now.AddMinutes(-1), Succeeded = false, Error = "HTTP 500" });
            db.NotificationAttempts.Add(new NotificationAttempt { NotificationId = id, Channel = "Email", At = now.AddMinutes(-1), Succeeded = true });
            await Task.CompletedTask;
        });

        var ready = await app.NewKestrelClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("Degraded", body.RootElement.GetProperty("status").GetString());
        var checks = body.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        var outbox = checks.GetProperty("outbox");
        Assert.Equal("Degraded", outbox.GetProperty("status").GetString());
        Assert.InRange(outbox.GetProperty("data").GetProperty("lagSeconds").GetDouble(), 590, 700);
        var messengers = checks.GetProperty("messengers");
        Assert.Equal("Degraded", messengers.GetProperty("status").GetString());
        Assert.StartsWith("failed", messengers.GetProperty("data").GetProperty("Telegram").GetString());
        Assert.StartsWith("sent", messengers.GetProperty("data").GetProperty("Email").GetString());
        Assert.Equal("not tried", messengers.GetProperty("data").GetProperty("WhatsApp").GetString());
    }
}

/// <summary>A monitoring host on another machine, allowed by Health:AllowedNetworks as an environment variable would set it.</summary>
public sealed class AllowedNetworkAppFactory : MaxmontajAppFactory
{
    protected override IReadOnlyDictionary<string, string?> Overrides { get; } = new Dictionary<string, string?>
    {
        ["Health:AllowedNetworks"] = "198.51.100.0/24; 192.0.2.7",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _ = ServerAddress;
    }
}

[Trait("Category", "Sqlite")]
public sealed class AllowedNetworkTests(AllowedNetworkAppFactory app) : IClassFixture<AllowedNetworkAppFactory>
{
    [Theory]
    [InlineData("198.51.100.20", HttpStatusCode.OK)]
    [InlineData("192.0.2.7", HttpStatusCode.OK)]
    [InlineData("192.0.2.8", HttpStatusCode.NotFound)]
    [InlineData("203.0.113.9", HttpStatusCode.NotFound)]
    public async Task Configured_networks_may_read_the_probes_and_metrics_and_others_still_get_404(string client, HttpStatusCode expected)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.ServerAddress) };
        foreach (var path in new[] { "/health/live", "/health/ready", "/metrics" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "X-Forwarded-For", client } } };
            Assert.Equal(expected, (await http.SendAsync(request)).StatusCode);
        }
    }
}

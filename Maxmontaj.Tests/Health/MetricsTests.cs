using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Maxmontaj.Core.Notifications;
using Maxmontaj.Core.Orders;
using Maxmontaj.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Tests.Health;

/// <summary>The app with the outbox gauge sampled every second.</summary>
public sealed class MetricsAppFactory : MaxmontajAppFactory
{
    protected override IReadOnlyDictionary<string, string?> Overrides { get; } = new Dictionary<string, string?>
    {
        ["Notifications:PollSeconds"] = "3600",
        // A commit that queues wakes the worker at once: keep it from delivering the rows a test arranges.
        ["Notifications:Deliver"] = "false",
        ["Health:OutboxSampleInterval"] = "00:00:01",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _ = ServerAddress;
    }

    public HttpClient NewKestrelClient() => new() { BaseAddress = new Uri(ServerAddress) };
}

[Trait("Category", "Sqlite")]
public sealed class MetricsTests(MetricsAppFactory app) : IClassFixture<MetricsAppFactory>
{
    [Fact]
    public async Task The_outbox_age_gauge_reports_how_long_the_oldest_due_notification_has_waited()
    {
        var now = DateTimeOffset.UtcNow;
        await app.WithDbAsync(db =>
        {
            db.Notifications.Add(new Notification
            {
                UserId = Guid.NewGuid(), Kind = "metrics-test", Text = "x", CreatedAt = now.AddHours(-4), NextAttemptAt = now.AddHours(-3),
                IdempotencyKey = "metrics-" + Guid.NewGuid(), Status = NotificationStatus.Pending,
            });
            return Task.CompletedTask;
        });
        var client = app.NewKestrelClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        double? age = null;
        // Sampled in the background every second (this app's setting): wait for the sample that includes the row.
        while (DateTime.UtcNow < deadline)
        {
            age = Values(await client.GetStringAsync("/metrics"), "maxmontaj_outbox_age_seconds").DefaultIfEmpty().Max();
            if (age >= 3 * 3600 - 60)
            {
                break;
            }

            await Task.Delay(250);
        }

        Assert.InRange(age ?? 0, 3 * 3600 - 60, 3 * 3600 + 120);
    }

    [Fact]
    public async Task Metrics_expose_orders_created_and_changed_the_outbox_age_and_the_host_meters_in_prometheus_format()
    {
        var id = await app.AsDispatcherAsync(async services =>
        {
            var orders = services.GetRequiredService<OrderService>();
            var created = await orders.CreateAsync(new OrderEditModel
            {
                CustomerName = "Метрика Клиентова", ContactPhone = "8 (910) 555-44-33", Address = "ул. Счётная, 7", WorkTypeId = 1,
            });
            Assert.True(created.Succeeded, string.Join(",", created.Errors.Select(e => e.Code)));
            Assert.True((await orders.AddNoteAsync(created.Value, "Позвонить заранее")).Succeeded);
            return created.Value;
        });
        Assert.NotEqual(Guid.Empty, id);
        var client = app.NewKestrelClient();
        // A request so that the ASP.NET Core meters have something to report.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.True(Value(text, "maxmontaj_orders_created_total", "source=\"Phone\"") >= 1, text);
        Assert.True(Value(text, "maxmontaj_orders_changed_total", "kind=\"OrderChanged\"") >= 1, text);
        Assert.NotNull(Value(text, "maxmontaj_outbox_age_seconds", ""));
        Assert.Contains("http_server_request_duration_seconds", text);
        Assert.Contains("dotnet_gc_", text);
    }

    private static IEnumerable<double> Values(string exposition, string metric) =>
        Regex.Matches(exposition, $@"^{metric}(\{{[^}}]*\}})? (\S+)", RegexOptions.Multiline)
            .Select(m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));

    /// <summary>The value of the first sample of the metric whose labels contain <paramref name="label"/>.</summary>
    private static double? Value(string exposition, string metric, string label)
    {
        foreach (Match match in Regex.Matches(exposition, $@"^{metric}(\{{[^}}]*\}})? (\S+)", RegexOptions.Multiline))
        {
            if (match.Groups[1].Value.Contains(label))
            {
                return double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}

using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Maxmontaj.Core.Orders;
using Maxmontaj.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Tests.Health;

[Trait("Category", "Sqlite")]
public sealed class MetricsTests(HealthAppFactory app) : IClassFixture<HealthAppFactory>
{
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

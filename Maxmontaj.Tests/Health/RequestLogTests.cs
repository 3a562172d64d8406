using System.Net;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;

namespace Maxmontaj.Tests.Health;

/// <summary>Behind Apache (the TCP peer is loopback, the visitor in X-Forwarded-For): which address the logs write.</summary>
[Trait("Category", "Sqlite")]
public sealed class RequestLogTests(RequestLogTests.App app) : IClassFixture<RequestLogTests.App>
{
    private const string Visitor = "203.0.113.7";

    [Fact]
    public async Task Request_and_sign_in_logs_carry_the_forwarded_client_address_and_probes_stay_out_of_the_information_log()
    {
        var user = await app.CreateUserAsync(Roles.Dispatcher, "logged-ip@example.ru");
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(app.ServerAddress),
            DefaultRequestHeaders = { { "X-Forwarded-For", Visitor } },
        };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
        await SignInForm.PostAsync(client, "logged-ip@example.ru", "Wrong-password-1");
        var probe = new HttpClient { BaseAddress = new Uri(app.ServerAddress) };
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/metrics")).StatusCode);

        var pages = app.Log.Events.Where(e => e.Properties.TryGetValue("RequestPath", out var p) && p.ToString() == "\"/account/login\""
            && e.Properties.ContainsKey("StatusCode")).ToList();
        Assert.NotEmpty(pages);
        Assert.All(pages, page =>
        {
            Assert.Equal($"\"{Visitor}\"", page.Properties["ClientAddress"].ToString());
            Assert.Contains($"from \"{Visitor}\"", page.RenderMessage());
        });
        var failure = Assert.Single(app.Log.WithProperty("SecurityEvent", SecurityEvents.SignInFailed), e => e.Properties["UserId"].ToString() == user.Id.ToString());
        Assert.Equal($"\"{Visitor}\"", failure.Properties["ClientIp"].ToString());
        Assert.DoesNotContain(app.Log.Events, e => e.Level >= LogEventLevel.Information && e.Properties.ContainsKey("StatusCode")
            && e.Properties["RequestPath"].ToString() is "\"/health/ready\"" or "\"/metrics\"");
    }

    /// <summary>The app at Information level with a capturing sink.</summary>
    public sealed class App : MaxmontajAppFactory
    {
        public LogCapture Log { get; } = new();

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            _ = ServerAddress;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Information" }));
            builder.ConfigureTestServices(s => s.AddSingleton<Serilog.Core.ILogEventSink>(Log));
        }
    }
}

using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Tests.Web;

[Trait("Category", "Sqlite")]
public sealed class SecurityEventLogTests(SecurityEventLogTests.App app) : IClassFixture<SecurityEventLogTests.App>
{
    [Fact]
    public async Task Sign_ins_and_sign_outs_are_security_events_that_never_carry_the_typed_login()
    {
        var user = await app.CreateUserAsync(Roles.Customer, email: "logged@example.ru");
        var stranger = AccountKey.For("stranger.secret-login@example.ru");
        var client = SignInForm.NewClient(app);

        await SignInForm.PostAsync(client, "stranger.secret-login@example.ru", "Wrong-password-1");
        await SignInForm.PostAsync(client, "logged@example.ru", "Wrong-password-1");
        await SignInForm.PostAsync(client, "logged@example.ru", MaxmontajAppFactory.Password);
        await SignInForm.PostFieldsAsync(client, "/account/logout", new Dictionary<string, string>(), await SignInForm.AntiforgeryTokenAsync(client, "/customer"));

        var failures = app.Log.WithProperty("SecurityEvent", SecurityEvents.SignInFailed).ToList();
        Assert.Contains(failures, e => e.Properties["AccountKey"].ToString() == $"\"{stranger}\"" && e.Properties["UserId"].ToString() == "null");
        Assert.Contains(failures, e => e.Properties["UserId"].ToString() == user.Id.ToString());
        Assert.Contains(app.Log.WithProperty("SecurityEvent", SecurityEvents.SignInSucceeded), e => e.Properties["UserId"].ToString() == user.Id.ToString());
        Assert.Contains(app.Log.WithProperty("SecurityEvent", SecurityEvents.SignOut), e => e.Properties["UserId"].ToString() == user.Id.ToString());
        Assert.DoesNotContain(app.Log.Lines(), l => l.Contains("stranger", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The app at Information level with a capturing sink.</summary>
    public sealed class App : MaxmontajAppFactory
    {
        public LogCapture Log { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Information" }));
            builder.ConfigureTestServices(s => s.AddSingleton<Serilog.Core.ILogEventSink>(Log));
        }
    }
}

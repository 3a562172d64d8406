using System.Diagnostics;
using System.Net;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Tests.Health;

public sealed class SqliteOutageApp : MaxmontajAppFactory
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _ = ServerAddress;
    }

    public string DatabaseFolder =>
        Path.GetDirectoryName(new SqliteConnectionStringBuilder(Services.GetRequiredService<IConfiguration>().GetConnectionString("Maxmontaj")).DataSource)!;

    public HttpClient NewKestrelClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(ServerAddress),
        };
}

/// <summary>SQLite's outage: the database file cannot be opened (its folder is gone). The same static page and readiness.</summary>
[Trait("Category", "Sqlite")]
public sealed class SqliteOutageTests(SqliteOutageApp app) : IClassFixture<SqliteOutageApp>
{
    [Fact]
    public async Task When_the_database_file_cannot_be_opened_the_sign_in_post_gets_the_static_503_page_and_ready_says_503()
    {
        var person = await app.CreateUserAsync(Roles.Dispatcher, "sqlite-outage@example.ru");
        var visitor = app.NewKestrelClient();
        var probe = app.NewKestrelClient();
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/ready")).StatusCode);
        var folder = app.DatabaseFolder;

        Directory.Move(folder, folder + ".away");
        SqliteConnection.ClearAllPools();
        try
        {
            var clock = Stopwatch.StartNew();
            var signIn = await SignInForm.PostAsync(visitor, person.Email!, MaxmontajAppFactory.Password);
            var ready = await probe.GetAsync("/health/ready");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, signIn.StatusCode);
            Assert.Contains("Сервис временно недоступен", await signIn.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Move(folder + ".away", folder);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.PostAsync(visitor, person.Email!, MaxmontajAppFactory.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/ready")).StatusCode);
    }
}

using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;

namespace Maxmontaj.Tests.Health;

/// <summary>The app on Kestrel over a test's own MariaDB server, which the test stops and starts.</summary>
public sealed class OutageAppFactory(TestDatabase database) : MaxmontajAppFactory(database)
{
    public HttpClient NewKestrelClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(ServerAddress),
            Timeout = TimeSpan.FromSeconds(100),
        };
}

/// <summary>
/// MariaDB stops (killed, as a crash would) and comes back: readiness follows it, people get the static Russian page within
/// seconds instead of a minute-long hang, and an app started while the database is down waits for it.
/// </summary>
[Trait("Category", "MariaDb")]
public sealed class OutageTests_MariaDb
{
    /// <summary>"Within a few seconds": three connect attempts against a refusing port and the short retry delays, with room for a busy CI machine.</summary>
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(8);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Ready_turns_503_within_seconds_when_MariaDB_stops_and_200_again_when_it_returns()
    {
        await using var server = await OwnMariaDb.CreateAsync();
        var database = await TestDatabase.CreateAsync(DatabaseProvider.MariaDb, mariaDbServer: server.ConnectionString);
        await using var app = new OutageAppFactory(database);
        var client = app.NewKestrelClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        server.Kill();
        var clock = Stopwatch.StartNew();
        var down = await client.GetAsync("/health/ready");
        clock.Stop();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.True(clock.Elapsed < Quickly, $"/health/ready took {clock.Elapsed} to answer during the outage");
        Assert.Equal("Unhealthy", await CheckStatusAsync(down, "database"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        await server.StartAsync();
        Assert.True(await EventuallyAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK),
            "/health/ready did not return to 200 after MariaDB came back");
        await database.DisposeAsync();
    }

    [Fact]
    public async Task During_an_outage_a_page_and_the_sign_in_post_answer_the_static_russian_503_page_within_seconds()
    {
        await using var server = await OwnMariaDb.CreateAsync();
        var database = await TestDatabase.CreateAsync(DatabaseProvider.MariaDb, mariaDbServer: server.ConnectionString);
        await using var app = new OutageAppFactory(database);
        var signedIn = app.NewKestrelClient();
        var person = await app.CreateUserAsync(Roles.Dispatcher, "outage-desk@example.ru");
        Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.PostAsync(signedIn, person.Email!, MaxmontajAppFactory.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/account/two-factor")).StatusCode);
        var visitor = app.NewKestrelClient();

        server.Kill();
        var clock = Stopwatch.StartNew();
        var page = await signedIn.GetAsync("/account/two-factor");
        var pageTime = clock.Elapsed;
        clock.Restart();
        var signIn = await SignInForm.PostAsync(visitor, person.Email!, MaxmontajAppFactory.Password);
        var signInTime = clock.Elapsed;

        foreach (var (what, response, time) in new[] { ("page", page, pageTime), ("sign-in post", signIn, signInTime) })
        {
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{what}: {response.StatusCode}");
            Assert.True(time < Quickly, $"{what} took {time}");
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.Contains("Retry-After"), what);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("Сервис временно недоступен", html);
            Assert.Contains("The service is temporarily unavailable", html);
            // The static page, not the app's layout (which needs the database).
            Assert.DoesNotContain("_framework/blazor.web.js", html);
        }

        await server.StartAsync();
        Assert.True(await EventuallyAsync(async () => (await signedIn.GetAsync("/account/two-factor")).StatusCode == HttpStatusCode.OK),
            "the page did not come back after MariaDB returned");
        await database.DisposeAsync();
    }

    [Fact]
    public async Task The_app_starts_while_MariaDB_is_down_reports_not_ready_and_migrates_seeds_and_turns_ready_when_it_comes()
    {
        await using var server = await OwnMariaDb.CreateAsync();
        // An empty schema: start-up must migrate and seed (the first admin) once the server answers.
        var database = await TestDatabase.CreateAsync(DatabaseProvider.MariaDb, migrate: false, mariaDbServer: server.ConnectionString);
        server.Kill();
        await using var app = new OutageAppFactory(database);

        var client = app.NewKestrelClient();
        var notReady = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("Unhealthy", await CheckStatusAsync(notReady, "database"));

        await server.StartAsync();
        Assert.True(await EventuallyAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK),
            "/health/ready did not turn 200 after MariaDB came");
        Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.PostAsync(client, TestDatabase.AdminEmail, TestDatabase.AdminPassword)).StatusCode);
        await database.DisposeAsync();
    }

    [Fact]
    public async Task The_migrate_verb_still_fails_loudly_when_MariaDB_is_down()
    {
        await using var server = await OwnMariaDb.CreateAsync();
        var database = await TestDatabase.CreateAsync(DatabaseProvider.MariaDb, migrate: false, mariaDbServer: server.ConnectionString);
        server.Kill();
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "Maxmontaj.Web.dll"), "migrate"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:1";
        foreach (var (key, value) in database.Settings)
        {
            start.Environment[key.Replace(":", "__")] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "migrate did not exit");

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("Unable to connect", await output + await errors);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"migrate took {clock.Elapsed} to give up");
        Assert.DoesNotContain("Now listening", await output);
    }

    private static async Task<string?> CheckStatusAsync(HttpResponseMessage response, string check)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("checks").GetProperty(check).GetProperty("status").GetString();
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(250);
        }

        return false;
    }
}

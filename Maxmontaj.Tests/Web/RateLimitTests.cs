using System.Net;
using Maxmontaj.Tests.Support;

namespace Maxmontaj.Tests.Web;

/// <summary>
/// The app on Kestrel behind a "proxy" on loopback: each client sends X-Forwarded-For, as Apache does, and the app's
/// forwarded-headers settings (trust loopback) make that the client address the limiter and the sign-in guard see.
/// </summary>
[Trait("Category", "Sqlite")]
public sealed class RateLimitTests(RateLimitTests.App app) : IClassFixture<RateLimitTests.App>
{
    [Fact]
    public async Task The_21st_sign_in_attempt_in_a_minute_from_one_address_gets_429_while_the_admin_signs_in_from_another()
    {
        var attacker = app.ClientFrom("203.0.113.21");
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 21; i++)
        {
            answers.Add(await SignInForm.PostAsync(attacker, $"guess{i}@example.ru", "Wrong-password-1"));
        }

        var admin = await SignInForm.PostAsync(app.ClientFrom("198.51.100.21"), TestDatabase.AdminEmail, TestDatabase.AdminPassword);

        Assert.All(answers.Take(20), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var refused = answers[20];
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single()), 1, 60);
        Assert.Contains("Слишком много попыток. Повторите через", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
    }

    [Fact]
    public async Task Guessing_the_admin_password_from_one_address_locks_that_address_only()
    {
        var attacker = app.ClientFrom("203.0.113.22");
        var guesses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            guesses.Add(await SignInForm.PostAsync(attacker, TestDatabase.AdminEmail, $"Wrong-password-{i}"));
        }

        var rightFromAttacker = await SignInForm.PostAsync(attacker, TestDatabase.AdminEmail, TestDatabase.AdminPassword);
        for (var i = 5; i < 10; i++)
        {
            guesses.Add(await SignInForm.PostAsync(attacker, TestDatabase.AdminEmail, $"Wrong-password-{i}"));
        }

        var admin = await SignInForm.PostAsync(app.ClientFrom("198.51.100.22"), TestDatabase.AdminEmail, TestDatabase.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, rightFromAttacker.StatusCode);
        Assert.Equal("Неверный логин или пароль.", await SignInForm.ErrorOfAsync(rightFromAttacker));
        // Ten attempts per account and address in 15 minutes: the eleventh from there is refused before any password check.
        Assert.All(guesses.Take(9), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, guesses[9].StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
    }

    [Fact]
    public async Task Status_links_are_limited_per_address()
    {
        var guesser = app.ClientFrom("203.0.113.23");
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await guesser.GetAsync($"/s/guessed-token-{i:0000000000000000}"));
        }

        var other = await app.ClientFrom("198.51.100.23").GetAsync("/s/guessed-token-0000000000000000");

        Assert.All(answers.Take(3), r => Assert.NotEqual(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[3].StatusCode);
        Assert.True(answers[3].Headers.Contains("Retry-After"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, other.StatusCode);
    }

    [Fact]
    public async Task Webhooks_are_limited_per_address_with_a_bare_429()
    {
        var flooder = app.ClientFrom("203.0.113.24");
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await flooder.PostAsync("/telegram/webhook", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")));
        }

        Assert.All(answers.Take(3), r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[3].StatusCode);
        Assert.True(answers[3].Headers.Contains("Retry-After"));
        Assert.Empty(await answers[3].Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sign_up_is_limited_per_address()
    {
        var visitor = app.ClientFrom("203.0.113.25");
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await SignInForm.RegisterAsync(visitor, "Пётр Спамов", $"+7 916 700-00-{i:00}", "short"));
        }

        Assert.All(answers.Take(3), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[3].StatusCode);
    }

    [Fact]
    public async Task A_sign_in_post_far_larger_than_the_form_is_refused_before_it_is_read()
    {
        var client = app.ClientFrom("203.0.113.26");
        var fields = new Dictionary<string, string> { ["_handler"] = "login", ["Input.Login"] = "big@example.ru", ["Input.Password"] = new string('x', 200_000) };

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    /// <summary>Default sign-in limits (20 a minute per address, 10 per account and address in 15 minutes), small others.</summary>
    public sealed class App : MaxmontajAppFactory
    {
        private readonly List<HttpClient> _clients = [];

        protected override IReadOnlyDictionary<string, string?> Overrides { get; } = new Dictionary<string, string?>
        {
            ["RateLimits:SignIn:PermitLimit"] = null,
            ["RateLimits:SignInPerAccount:PermitLimit"] = null,
            ["RateLimits:SignUp:PermitLimit"] = "3",
            ["RateLimits:StatusLink:PermitLimit"] = "3",
            ["RateLimits:Webhook:PermitLimit"] = "3",
        };

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            _ = ServerAddress;
        }

        /// <summary>A browser-like client whose requests reach the app through the loopback proxy from the given address.</summary>
        public HttpClient ClientFrom(string address)
        {
            var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
            {
                BaseAddress = new Uri(ServerAddress),
            };
            client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
            _clients.Add(client);
            return client;
        }

        public override async ValueTask DisposeAsync()
        {
            _clients.ForEach(c => c.Dispose());
            await base.DisposeAsync();
        }
    }
}

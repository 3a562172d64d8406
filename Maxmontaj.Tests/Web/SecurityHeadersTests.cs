using System.Net;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Reports;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Tests.Web;

/// <summary>The app on Kestrel as production runs it behind Apache (public address https://crm.example.ru), with a report photo.</summary>
public sealed class SecurityHeadersAppFactory : MaxmontajAppFactory
{
    public const string PublicHost = "crm.example.ru";
    public const string Dispatcher = "headers-desk@example.ru";

    public Guid PhotoId { get; private set; }

    protected override IReadOnlyDictionary<string, string?> Overrides { get; } = new Dictionary<string, string?>
    {
        ["App:PublicBaseUrl"] = $"https://{PublicHost}",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _ = ServerAddress;
        var desk = await CreateUserAsync(Roles.Dispatcher, Dispatcher);
        var order = await AddOrderAsync("Клиент Заголовков");
        var stored = await Services.GetRequiredService<IPhotoStore>().SaveAsync(TestImages.Png(), ".png");
        PhotoId = Guid.NewGuid();
        await WithDbAsync(db =>
        {
            var reportId = Guid.NewGuid();
            db.Reports.Add(new Report { Id = reportId, OrderId = order.Id, AuthorId = desk.Id });
            db.ReportPhotos.Add(new ReportPhoto { Id = PhotoId, ReportId = reportId, StoredName = stored, ContentType = "image/png", OriginalName = "p.png" });
            return Task.CompletedTask;
        });
    }

    /// <summary>A client of the real socket (Kestrel adds its own headers, the in-memory server does not).</summary>
    public HttpClient NewKestrelClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(ServerAddress),
        };
}

[Trait("Category", "Sqlite")]
public sealed class SecurityHeadersTests(SecurityHeadersAppFactory app) : IClassFixture<SecurityHeadersAppFactory>
{
    [Fact]
    public async Task Every_kind_of_response_carries_the_security_headers_and_no_server_name()
    {
        var client = app.NewKestrelClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.PostAsync(client, SecurityHeadersAppFactory.Dispatcher, MaxmontajAppFactory.Password)).StatusCode);
        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["page"] = await client.GetAsync("/dispatcher/orders"),
            ["sign-in page"] = await app.NewKestrelClient().GetAsync("/account/login"),
            ["static file"] = await client.GetAsync("/app.css"),
            ["photo"] = await client.GetAsync($"/photos/report/{app.PhotoId}"),
            ["endpoint redirect"] = await SignInForm.SetCultureAsync(client, "en-US", "/dispatcher"),
            ["missing page"] = await client.GetAsync("/no-such-page"),
            ["anonymous redirect to sign-in"] = await app.NewKestrelClient().GetAsync("/dispatcher"),
        };

        Assert.Equal(HttpStatusCode.OK, responses["page"].StatusCode);
        Assert.Equal(HttpStatusCode.OK, responses["static file"].StatusCode);
        Assert.Equal(HttpStatusCode.OK, responses["photo"].StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, responses["endpoint redirect"].StatusCode);
        foreach (var (route, response) in responses)
        {
            var headers = response.Headers;
            Assert.True(headers.Contains("Content-Security-Policy"), $"{route}: no CSP");
            Assert.Equal(["nosniff"], headers.GetValues("X-Content-Type-Options"));
            Assert.Equal(["no-referrer"], headers.GetValues("Referrer-Policy"));
            Assert.Contains("camera=()", Assert.Single(headers.GetValues("Permissions-Policy")));
            Assert.Contains("geolocation=()", Assert.Single(headers.GetValues("Permissions-Policy")));
            Assert.False(headers.Contains("Server"), $"{route}: Server: {string.Join(",", headers.Server)}");
        }

        foreach (var route in responses.Keys.Where(r => r != "photo"))
        {
            var csp = Assert.Single(responses[route].Headers.GetValues("Content-Security-Policy"));
            Assert.Matches(@"script-src 'self' 'nonce-[0-9a-f]{32}';", csp);
            Assert.DoesNotContain("unsafe-eval", csp);
            Assert.Contains("connect-src 'self';", csp);
            Assert.Contains("img-src 'self' data: blob:", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("object-src 'none'", csp);
        }
    }

    [Fact]
    public async Task The_import_map_carries_this_responses_nonce_and_each_response_gets_a_new_one()
    {
        var client = app.NewKestrelClient();

        var first = await client.GetAsync("/account/login");
        var second = await client.GetAsync("/account/login");

        var nonce = System.Text.RegularExpressions.Regex.Match(Assert.Single(first.Headers.GetValues("Content-Security-Policy")), "'nonce-([^']+)'").Groups[1].Value;
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\">", await first.Content.ReadAsStringAsync());
        Assert.DoesNotContain(nonce, Assert.Single(second.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task A_photo_is_served_sandboxed_unsniffed_and_inline_with_a_file_name()
    {
        var client = app.NewKestrelClient();
        await SignInForm.PostAsync(client, SecurityHeadersAppFactory.Dispatcher, MaxmontajAppFactory.Password);

        var response = await client.GetAsync($"/photos/report/{app.PhotoId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("sandbox", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"photo-{app.PhotoId:N}.png", response.Content.Headers.ContentDisposition.FileName);
    }

    [Fact]
    public async Task Behind_apache_with_https_forwarded_the_sign_in_page_sends_hsts()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Host = SecurityHeadersAppFactory.PublicHost;
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await app.NewKestrelClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task A_foreign_host_header_gets_400_and_never_reaches_a_location_header()
    {
        var foreign = new HttpRequestMessage(HttpMethod.Get, "/dispatcher");
        foreign.Headers.Host = "evil.example";
        var forwarded = new HttpRequestMessage(HttpMethod.Get, "/dispatcher");
        forwarded.Headers.Host = SecurityHeadersAppFactory.PublicHost;
        forwarded.Headers.Add("X-Forwarded-Host", "evil.example");
        var own = new HttpRequestMessage(HttpMethod.Get, "/dispatcher");
        own.Headers.Host = SecurityHeadersAppFactory.PublicHost;

        var foreignResponse = await app.NewKestrelClient().SendAsync(foreign);
        var forwardedResponse = await app.NewKestrelClient().SendAsync(forwarded);
        var ownResponse = await app.NewKestrelClient().SendAsync(own);
        var loopback = await app.NewKestrelClient().GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.BadRequest, foreignResponse.StatusCode);
        Assert.Null(foreignResponse.Headers.Location);
        Assert.DoesNotContain("evil.example", forwardedResponse.Headers.Location?.ToString() ?? "");
        Assert.Equal(HttpStatusCode.Redirect, ownResponse.StatusCode);
        Assert.Equal(SecurityHeadersAppFactory.PublicHost, ownResponse.Headers.Location!.Host);
        Assert.Equal(HttpStatusCode.OK, loopback.StatusCode);
    }
}

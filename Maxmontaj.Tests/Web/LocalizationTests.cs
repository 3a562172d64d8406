using System.Net;
using System.Xml.Linq;
using Maxmontaj.Tests.Support;

namespace Maxmontaj.Tests.Web;

[Trait("Category", "Sqlite")]
public sealed class LocalizationTests(MaxmontajAppFactory app) : IClassFixture<MaxmontajAppFactory>
{
    [Fact]
    public async Task Pages_are_russian_by_default_whatever_the_browser_asks_for()
    {
        var client = SignInForm.NewClient(app);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        var page = await client.GetStringAsync("/account/login");

        Assert.Contains("<html lang=\"ru\">", page);
        Assert.Contains("Email или телефон", page);
    }

    [Fact]
    public async Task English_is_chosen_through_the_culture_endpoint_and_remembered()
    {
        var client = SignInForm.NewClient(app);

        var set = await SignInForm.SetCultureAsync(client, "en-US", "/account/login");
        var page = await client.GetStringAsync("/account/login");

        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/account/login", set.Headers.Location!.OriginalString);
        Assert.Contains("Email or phone", page);
    }

    [Theory]
    [InlineData("de-DE", "/account/login", HttpStatusCode.BadRequest)]
    [InlineData("en-US", "https://evil.example", HttpStatusCode.BadRequest)]
    [InlineData("en-US", "", HttpStatusCode.Redirect)]
    public async Task The_culture_endpoint_refuses_unknown_cultures_and_never_redirects_off_site(string culture, string redirectUri, HttpStatusCode status)
    {
        var response = await SignInForm.SetCultureAsync(SignInForm.NewClient(app), culture, redirectUri);

        Assert.Equal(status, response.StatusCode);
        if (status == HttpStatusCode.Redirect)
        {
            Assert.Equal("/", response.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task A_culture_change_by_get_or_without_the_antiforgery_token_changes_nothing()
    {
        var client = SignInForm.NewClient(app);

        var byGet = await client.GetAsync("/culture/set?culture=en-US&redirectUri=%2Faccount%2Flogin");
        var forged = await SignInForm.PostFieldsAsync(client, "/culture/set",
            new Dictionary<string, string> { ["culture"] = "en-US", ["redirectUri"] = "/account/login" }, token: null);
        var page = await client.GetStringAsync("/account/login");

        Assert.NotEqual(HttpStatusCode.Redirect, byGet.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(byGet.Headers.Concat(forged.Headers), h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith(".AspNetCore.Culture=")));
        Assert.Contains("Email или телефон", page);
    }

    [Fact]
    public void Every_string_has_a_russian_and_an_english_text()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "Maxmontaj.Web", "Resources");
        var russian = Keys(Path.Combine(folder, "SharedResource.resx"));
        var english = Keys(Path.Combine(folder, "SharedResource.en.resx"));

        Assert.Equal(russian.Keys.Order(), english.Keys.Order());
        Assert.DoesNotContain(russian, r => string.IsNullOrWhiteSpace(r.Value));
        Assert.DoesNotContain(english, e => string.IsNullOrWhiteSpace(e.Value));
    }

    [Fact]
    public void Every_audit_kind_has_a_name_in_both_languages()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "Maxmontaj.Web", "Resources");
        var russian = Keys(Path.Combine(folder, "SharedResource.resx"));
        var english = Keys(Path.Combine(folder, "SharedResource.en.resx"));

        foreach (var kind in Enum.GetNames<Maxmontaj.Core.Audit.AuditKind>())
        {
            Assert.True(russian.ContainsKey($"Audit.Kind.{kind}"), $"ru lacks Audit.Kind.{kind}");
            Assert.True(english.ContainsKey($"Audit.Kind.{kind}"), $"en lacks Audit.Kind.{kind}");
        }
    }

    private static Dictionary<string, string> Keys(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "");
}

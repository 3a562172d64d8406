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

        var set = await client.GetAsync("/culture/set?culture=en-US&redirectUri=%2Faccount%2Flogin");
        var page = await client.GetStringAsync("/account/login");

        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/account/login", set.Headers.Location!.OriginalString);
        Assert.Contains("Email or phone", page);
    }

    [Theory]
    [InlineData("/culture/set?culture=de-DE", HttpStatusCode.BadRequest)]
    [InlineData("/culture/set?culture=en-US&redirectUri=https%3A%2F%2Fevil.example", HttpStatusCode.BadRequest)]
    [InlineData("/culture/set?culture=en-US", HttpStatusCode.Redirect)]
    public async Task The_culture_endpoint_refuses_unknown_cultures_and_never_redirects_off_site(string url, HttpStatusCode status)
    {
        var response = await SignInForm.NewClient(app).GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        if (status == HttpStatusCode.Redirect)
        {
            Assert.Equal("/", response.Headers.Location!.OriginalString);
        }
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

    private static Dictionary<string, string> Keys(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "");
}

using System.Net;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Security;

namespace Maxmontaj.Tests.Web;

/// <summary>Addresses an attacker writes by hand get 400 with problem details: never a 500, never a redirect off-site.</summary>
[Trait("Category", "Sqlite")]
public sealed class CraftedInputTests(MaxmontajAppFactory app) : IClassFixture<MaxmontajAppFactory>
{
    public static TheoryData<string> OffSite => new()
    {
        "/%09/evil.com",
        "//evil.com",
        "/%5Cevil.com",
        "/%5C/evil.com",
        "https://evil.com",
        "%2F%2Fevil.com",
        "/%0D%0ASet-Cookie:%20x=1",
        "/%D0%B7%D0%B0%D0%BA%D0%B0%D0%B7",
    };

    [Theory]
    [MemberData(nameof(OffSite))]
    public async Task The_culture_switch_answers_400_to_an_address_that_is_not_a_path_here(string redirectUri)
    {
        var response = await SignInForm.SetCultureAsync(SignInForm.NewClient(app), "en-US", Uri.UnescapeDataString(redirectUri));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_culture_switch_still_goes_back_to_the_page()
    {
        var response = await SignInForm.SetCultureAsync(SignInForm.NewClient(app), "en-US", "/dispatcher/orders?text=a\\b");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dispatcher/orders?text=a\\b", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/%C3%A9")]
    [InlineData("/%D0%B7%D0%B0%D0%BA%D0%B0%D0%B7%D1%8B")]
    [InlineData("/%09/evil.com")]
    [InlineData("//evil.com")]
    public async Task Signing_in_with_a_crafted_return_address_answers_400_not_500(string returnUrl)
    {
        var user = await app.CreateUserAsync(Roles.Dispatcher);

        var response = await SignInForm.PostAsync(SignInForm.NewClient(app), user.Email!, MaxmontajAppFactory.Password, $"?returnUrl={returnUrl}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Signing_in_with_a_return_address_here_goes_there()
    {
        var user = await app.CreateUserAsync(Roles.Dispatcher);

        var response = await SignInForm.PostAsync(SignInForm.NewClient(app), user.Email!, MaxmontajAppFactory.Password,
            "?returnUrl=%2Fdispatcher%2Forders%3Ftext%3D%25D0%2598");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dispatcher/orders?text=%D0%98", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("/exports/orders.csv?from=0001-01-01&to=9999-12-31")]
    [InlineData("/exports/orders.xlsx?to=9999-12-31")]
    [InlineData("/exports/orders.csv?from=0001-01-01")]
    [InlineData("/exports/staff.csv?from=9999-12-31&to=9999-12-31")]
    [InlineData("/exports/staff.csv?from=0001-01-01&to=0001-01-02")]
    public async Task An_export_over_dates_the_calendar_cannot_hold_answers_400_with_problem_details(string url)
    {
        var dispatcher = await app.CreateUserAsync(Roles.Dispatcher);
        var client = await SignInForm.SignedInClientAsync(app, dispatcher.Email!);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("2000", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/dispatcher/orders?text=a\\b", true)]
    [InlineData("/dispatcher#top", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("dispatcher", false)]
    [InlineData("//evil.com", false)]
    [InlineData("/\\evil.com", false)]
    [InlineData("/a\\..\\/evil.com", false)]
    [InlineData("/\t/evil.com", false)]
    [InlineData("/\r\nLocation: x", false)]
    [InlineData("/é", false)]
    [InlineData("https://evil.com", false)]
    public void Only_a_plain_path_on_this_site_is_a_safe_redirect(string? url, bool safe) =>
        Assert.Equal(safe, LocalRedirect.IsSafe(url));
}

using System.Net;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Maxmontaj.Tests.Web;

[Trait("Category", "Sqlite")]
public sealed class SignInTests(MaxmontajAppFactory app) : IClassFixture<MaxmontajAppFactory>
{
    private const string InvalidLogin = "Неверный логин или пароль.";

    [Theory]
    [InlineData("8 (910) 555-01-01")]
    [InlineData("+7 910 5550101")]
    [InlineData("89105550101")]
    public async Task A_user_signs_in_by_phone_written_in_any_common_format(string typed)
    {
        var phone = $"+7910555{Random.Shared.Next(1000, 9999)}";
        await app.CreateUserAsync(Roles.Executor, phone: phone);
        var client = SignInForm.NewClient(app);

        var response = await SignInForm.PostAsync(client, typed.Replace("555-01-01", $"555-{phone[^4..^2]}-{phone[^2..]}").Replace("5550101", $"555{phone[^4..]}"), MaxmontajAppFactory.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/executor")).StatusCode);
    }

    [Fact]
    public async Task A_user_signs_in_by_email_in_any_letter_case()
    {
        await app.CreateUserAsync(Roles.Customer, email: "Mixed.Case@Example.ru");
        var client = SignInForm.NewClient(app);

        var response = await SignInForm.PostAsync(client, "  mixed.case@EXAMPLE.RU ", MaxmontajAppFactory.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/customer")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_account_get_the_same_message()
    {
        await app.CreateUserAsync(Roles.Customer, email: "known@example.ru");

        var wrongPassword = await SignInForm.PostAsync(SignInForm.NewClient(app), "known@example.ru", "Wrong-password-1");
        var unknown = await SignInForm.PostAsync(SignInForm.NewClient(app), "nobody@example.ru", "Wrong-password-1");

        Assert.Equal(HttpStatusCode.OK, wrongPassword.StatusCode);
        Assert.Equal(InvalidLogin, await SignInForm.ErrorOfAsync(wrongPassword));
        Assert.Equal(InvalidLogin, await SignInForm.ErrorOfAsync(unknown));
    }

    [Fact]
    public async Task Every_failed_sign_in_gets_the_same_message_unknown_wrong_deactivated_or_locked()
    {
        await app.CreateUserAsync(Roles.Customer, email: "same-known@example.ru");
        var inactive = await app.CreateUserAsync(Roles.Executor, email: "same-inactive@example.ru");
        await app.UpdateUserAsync(inactive.Id, u => u.IsActive = false);
        await app.CreateUserAsync(Roles.Executor, email: "same-locked@example.ru");
        for (var i = 0; i < 5; i++)
        {
            await SignInForm.PostAsync(SignInForm.NewClient(app), "same-locked@example.ru", "Wrong-password-1");
        }

        var responses = new[]
        {
            await SignInForm.PostAsync(SignInForm.NewClient(app), "same-nobody@example.ru", MaxmontajAppFactory.Password),
            await SignInForm.PostAsync(SignInForm.NewClient(app), "same-known@example.ru", "Wrong-password-1"),
            // The right password of a deactivated account, and of an account locked from this source: never confirmed.
            await SignInForm.PostAsync(SignInForm.NewClient(app), "same-inactive@example.ru", MaxmontajAppFactory.Password),
            await SignInForm.PostAsync(SignInForm.NewClient(app), "same-locked@example.ru", MaxmontajAppFactory.Password),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var response in responses)
        {
            Assert.Equal(InvalidLogin, await SignInForm.ErrorOfAsync(response));
        }
    }

    [Fact]
    public async Task An_unknown_login_costs_one_password_hash_as_a_known_one_does()
    {
        await app.CreateUserAsync(Roles.Customer, email: "hashed@example.ru");
        var hasher = new CountingPasswordHasher();
        await using var counted = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<ApplicationUser>>(hasher)));
        var client = counted.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var known = await hasher.VerificationsDuringAsync(() => SignInForm.PostAsync(client, "hashed@example.ru", "Wrong-password-1"));
        var unknown = await hasher.VerificationsDuringAsync(() => SignInForm.PostAsync(client, "nobody-hashed@example.ru", "Wrong-password-1"));

        Assert.Equal(1, known);
        Assert.Equal(known, unknown);
    }

    [Fact]
    public async Task A_deactivated_user_is_refused_and_a_reactivated_one_gets_in()
    {
        var user = await app.CreateUserAsync(Roles.Executor, email: "inactive@example.ru");
        await app.UpdateUserAsync(user.Id, u => u.IsActive = false);

        var refused = await SignInForm.PostAsync(SignInForm.NewClient(app), "inactive@example.ru", MaxmontajAppFactory.Password);
        var wrongPassword = await SignInForm.PostAsync(SignInForm.NewClient(app), "inactive@example.ru", "Wrong-password-1");
        await app.UpdateUserAsync(user.Id, u => u.IsActive = true);
        var admitted = await SignInForm.PostAsync(SignInForm.NewClient(app), "inactive@example.ru", MaxmontajAppFactory.Password);

        Assert.Equal(InvalidLogin, await SignInForm.ErrorOfAsync(refused));
        Assert.Equal(InvalidLogin, await SignInForm.ErrorOfAsync(wrongPassword));
        Assert.Equal(HttpStatusCode.Redirect, admitted.StatusCode);
    }

    [Fact]
    public async Task An_empty_form_shows_field_messages_and_signs_nobody_in()
    {
        var client = SignInForm.NewClient(app);

        var response = await SignInForm.PostAsync(client, "", "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal(["Обязательное поле.", "Обязательное поле."], page.QuerySelectorAll(".account-field-error").Select(e => e.TextContent.Trim()));
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("maxmontaj.auth=")));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected()
    {
        await app.CreateUserAsync(Roles.Customer, email: "csrf@example.ru");
        var client = SignInForm.NewClient(app);

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Login"] = "csrf@example.ru",
            ["Input.Password"] = MaxmontajAppFactory.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Sign_out_ends_the_session_and_a_replayed_cookie_gets_the_sign_in_page()
    {
        await app.CreateUserAsync(Roles.Customer, email: "leaving@example.ru");
        var client = await SignInForm.SignedInClientAsync(app, "leaving@example.ru");
        var home = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync("/customer"));
        var token = home.QuerySelector("form[action='account/logout'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var saved = await AuthCookieAsync(client);

        var signOut = await client.PostAsync("/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var after = await client.GetAsync("/customer");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location!.PathAndQuery);
        var replayed = await WithCookie(saved).GetAsync("/customer");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/account/login", replayed.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Sign_out_without_the_antiforgery_token_is_refused_and_the_session_stays()
    {
        await app.CreateUserAsync(Roles.Customer, email: "forged-out@example.ru");
        var client = await SignInForm.SignedInClientAsync(app, "forged-out@example.ru");

        var signOut = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/customer")).StatusCode);
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_the_other_sessions_too()
    {
        await app.CreateUserAsync(Roles.Customer, email: "everywhere@example.ru");
        var phone = await SignInForm.SignedInClientAsync(app, "everywhere@example.ru");
        var laptop = await SignInForm.SignedInClientAsync(app, "everywhere@example.ru");
        var token = await SignInForm.AntiforgeryTokenAsync(laptop, "/account/profile");

        var signOut = await SignInForm.PostFieldsAsync(laptop, "/account/logout-everywhere", new Dictionary<string, string>(), token);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var other = await phone.GetAsync("/customer");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.StartsWith("/account/login", other.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_session_in_use_ends_seven_days_after_sign_in_whatever_the_sliding()
    {
        await app.CreateUserAsync(Roles.Customer, email: "week@example.ru");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var clocked = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var client = clocked.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.PostAsync(client, "week@example.ru", MaxmontajAppFactory.Password)).StatusCode);

        // Used every 7 hours: the 12-hour idle timeout slides on and on; only the absolute lifetime ends it.
        var statuses = new List<HttpStatusCode>();
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromDays(8); elapsed += TimeSpan.FromHours(7))
        {
            clock.Advance(TimeSpan.FromHours(7));
            statuses.Add((await client.GetAsync("/customer")).StatusCode);
        }

        Assert.All(statuses.Take(24), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.Redirect, statuses[24]);
    }

    /// <summary>The auth cookie as the client holds it, read back from what it sends.</summary>
    private async Task<string> AuthCookieAsync(HttpClient client)
    {
        var echo = await client.GetAsync("/account/profile");
        var cookie = echo.RequestMessage!.Headers.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : "";
        return cookie.Contains("maxmontaj.auth=") ? cookie : throw new InvalidOperationException("no auth cookie sent");
    }

    private HttpClient WithCookie(string cookie)
    {
        var replay = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        replay.DefaultRequestHeaders.Add("Cookie", cookie);
        return replay;
    }

    [Fact]
    public async Task The_sign_in_cookie_is_http_only()
    {
        await app.CreateUserAsync(Roles.Customer, email: "cookie@example.ru");

        var response = await SignInForm.PostAsync(SignInForm.NewClient(app), "cookie@example.ru", MaxmontajAppFactory.Password);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("maxmontaj.auth="));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }
}

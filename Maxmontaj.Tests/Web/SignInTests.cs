using System.Net;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;

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
    public async Task Five_failures_lock_the_account_even_against_the_right_password()
    {
        await app.CreateUserAsync(Roles.Executor, email: "locked@example.ru");
        for (var i = 0; i < 5; i++)
        {
            await SignInForm.PostAsync(SignInForm.NewClient(app), "locked@example.ru", "Wrong-password-1");
        }

        var response = await SignInForm.PostAsync(SignInForm.NewClient(app), "locked@example.ru", MaxmontajAppFactory.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("заблокирован на 15 минут", await SignInForm.ErrorOfAsync(response));
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

        Assert.Equal("Учётная запись отключена. Обратитесь к администратору.", await SignInForm.ErrorOfAsync(refused));
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
    public async Task Sign_out_ends_the_session()
    {
        await app.CreateUserAsync(Roles.Customer, email: "leaving@example.ru");
        var client = await SignInForm.SignedInClientAsync(app, "leaving@example.ru");
        var home = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync("/customer"));
        var token = home.QuerySelector("form[action='account/logout'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var signOut = await client.PostAsync("/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var after = await client.GetAsync("/customer");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location!.PathAndQuery);
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

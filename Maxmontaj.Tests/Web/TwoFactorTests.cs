using System.Net;
using AngleSharp.Html.Parser;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Tests.Web;

/// <summary>The second factor over real HTTP: the sign-in form's code step, admins held at enrolment, recovery codes.</summary>
[Trait("Category", "Sqlite")]
public sealed class TwoFactorTests(SecurityAppFactory app) : IClassFixture<SecurityAppFactory>
{
    private const string Enrolment = "/account/two-factor";

    [Fact]
    public async Task An_admin_without_a_second_factor_is_held_at_enrolment_until_enrolled()
    {
        await app.CreateUserAsync(Roles.Admin, "new-admin@example.ru");
        var client = await SignInForm.SignedInClientAsync(app, "new-admin@example.ru");

        foreach (var page in new[] { "/admin", "/dispatcher", "/admin/users", "/account/profile", "/exports/orders.csv?from=2026-01-01&to=2026-01-31" })
        {
            var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(Enrolment, response.Headers.Location!.OriginalString);
        }

        var key = await SharedKeyAsync(client);
        var enrolled = await SignInForm.SubmitAsync(client, Enrolment, "enable-2fa", new Dictionary<string, string> { ["Enable.Code"] = Totp.Code(key) });

        Assert.Equal(10, RecoveryCodes(await enrolled.Content.ReadAsStringAsync()).Count);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task A_TOTP_enrolled_admin_cannot_sign_in_without_the_code()
    {
        var (_, key, _) = await EnrolledAdminAsync("totp-admin@example.ru");
        var client = SignInForm.NewClient(app);

        var password = await SignInForm.PostAsync(client, "totp-admin@example.ru", MaxmontajAppFactory.Password);

        // The right password leads to the code step and gives no sign-in cookie: /admin sends back to the sign-in form.
        Assert.StartsWith("http://localhost/account/login-2fa?", password.Headers.Location!.OriginalString);
        Assert.DoesNotContain(password.Headers.GetValues("Set-Cookie"), c => c.StartsWith("maxmontaj.auth="));
        Assert.StartsWith("http://localhost/account/login", (await client.GetAsync("/admin")).Headers.Location!.OriginalString);

        var wrong = await SubmitCodeAsync(client, Totp.Code(key, DateTimeOffset.UtcNow.AddMinutes(-10)));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal("Неверный код. Проверьте время на телефоне или введите код восстановления.", await SignInForm.ErrorOfAsync(wrong));
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);

        var right = await SubmitCodeAsync(client, Totp.Code(key));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var (_, _, codes) = await EnrolledAdminAsync("recovery-admin@example.ru");

        var first = SignInForm.NewClient(app);
        await SignInForm.PostAsync(first, "recovery-admin@example.ru", MaxmontajAppFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitCodeAsync(first, codes[3])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/admin")).StatusCode);

        var again = SignInForm.NewClient(app);
        await SignInForm.PostAsync(again, "recovery-admin@example.ru", MaxmontajAppFactory.Password);
        var reused = await SubmitCodeAsync(again, codes[3]);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.NotNull(await SignInForm.ErrorOfAsync(reused));
        Assert.NotEqual(HttpStatusCode.OK, (await again.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task An_admin_cannot_turn_the_second_factor_off_and_a_dispatcher_is_offered_it_and_may()
    {
        var (admin, _, _) = await EnrolledAdminAsync("keeps-2fa@example.ru");
        var page = await admin.GetStringAsync(Enrolment);
        Assert.DoesNotContain("disable-2fa", page);

        await app.CreateUserAsync(Roles.Dispatcher, "offered@example.ru");
        var desk = await SignInForm.SignedInClientAsync(app, "offered@example.ru");
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync("/dispatcher")).StatusCode);
        Assert.Contains("Защитите учётную запись", await desk.GetStringAsync("/account/profile"));

        var deskKey = await SharedKeyAsync(desk);
        await SignInForm.SubmitAsync(desk, Enrolment, "enable-2fa", new Dictionary<string, string> { ["Enable.Code"] = Totp.Code(deskKey) });
        var off = await SignInForm.SubmitAsync(desk, Enrolment, "disable-2fa", new Dictionary<string, string> { ["Disable.Code"] = Totp.Code(deskKey) });
        Assert.Contains("Вход с кодом отключён.", await off.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.PostAsync(SignInForm.NewClient(app), "offered@example.ru", MaxmontajAppFactory.Password)).StatusCode);
    }

    [Fact]
    public async Task New_recovery_codes_replace_the_old_ones()
    {
        var (client, key, old) = await EnrolledAdminAsync("regenerates@example.ru");

        var refused = await SignInForm.SubmitAsync(client, Enrolment, "regenerate-2fa", new Dictionary<string, string> { ["Regenerate.Code"] = "123" });
        Assert.Equal("Неверный код. Введите шесть цифр из приложения.", await SignInForm.ErrorOfAsync(refused));
        var renewed = RecoveryCodes(await (await SignInForm.SubmitAsync(client, Enrolment, "regenerate-2fa",
            new Dictionary<string, string> { ["Regenerate.Code"] = Totp.Code(key) })).Content.ReadAsStringAsync());

        Assert.Equal(10, renewed.Count);
        Assert.Empty(renewed.Intersect(old));
        var withOld = SignInForm.NewClient(app);
        await SignInForm.PostAsync(withOld, "regenerates@example.ru", MaxmontajAppFactory.Password);
        Assert.Equal(HttpStatusCode.OK, (await SubmitCodeAsync(withOld, old[0])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitCodeAsync(withOld, renewed[0])).StatusCode);
    }

    [Fact]
    public async Task The_QR_code_carries_the_standard_otpauth_address_of_the_shown_key()
    {
        var admin = await app.CreateUserAsync(Roles.Admin, "qr@example.ru");

        var state = await app.AsAsync(admin.Id, Roles.Admin, sp => sp.GetRequiredService<TwoFactorService>().GetMineAsync());

        var key = state.SharedKey!.Replace(" ", "").ToUpperInvariant();
        Assert.Equal($"otpauth://totp/Maxmontaj:qr%40example.ru?secret={key}&issuer=Maxmontaj&digits=6", state.AuthenticatorUri);
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", state.SharedKey);
        Assert.True(state.Required);
    }

    /// <summary>An admin who has enrolled through the page: the signed-in client, the key and the recovery codes.</summary>
    private async Task<(HttpClient Client, string Key, IReadOnlyList<string> Codes)> EnrolledAdminAsync(string email)
    {
        await app.CreateUserAsync(Roles.Admin, email);
        var client = await SignInForm.SignedInClientAsync(app, email);
        var key = await SharedKeyAsync(client);
        var enrolled = await SignInForm.SubmitAsync(client, Enrolment, "enable-2fa", new Dictionary<string, string> { ["Enable.Code"] = Totp.Code(key) });
        return (client, key, RecoveryCodes(await enrolled.Content.ReadAsStringAsync()));
    }

    private static Task<HttpResponseMessage> SubmitCodeAsync(HttpClient client, string code) =>
        SignInForm.SubmitAsync(client, "/account/login-2fa", "login-2fa", new Dictionary<string, string> { ["Input.Code"] = code });

    private static async Task<string> SharedKeyAsync(HttpClient client)
    {
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(Enrolment));
        Assert.StartsWith("data:image/png;base64,", page.QuerySelector("img.account-qr")!.GetAttribute("src"));
        return page.QuerySelector("[data-testid=shared-key]")!.TextContent;
    }

    private static List<string> RecoveryCodes(string html) =>
        new HtmlParser().ParseDocument(html).QuerySelectorAll("[data-testid=recovery-codes] code").Select(c => c.TextContent.Trim()).ToList();
}

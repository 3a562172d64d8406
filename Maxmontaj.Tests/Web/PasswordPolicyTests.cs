using System.Net;
using AngleSharp.Html.Parser;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Security;

namespace Maxmontaj.Tests.Web;

[Trait("Category", "Sqlite")]
public sealed class PasswordPolicyTests(MaxmontajAppFactory app) : IClassFixture<MaxmontajAppFactory>
{
    private const string TooShort = "Пароль должен быть не короче 12 символов.";
    private const string TooCommon = "Этот пароль слишком распространён";

    [Theory]
    [InlineData("password1", true, true)]
    [InlineData("Kx7-pQ2-mZ", true, false)]
    [InlineData("qwerty123456", false, true)]
    [InlineData("Parol-2026!!", false, true)]
    public async Task A_short_or_common_password_is_refused_at_sign_up_with_a_russian_message(string password, bool tooShort, bool tooCommon)
    {
        var client = SignInForm.NewClient(app);

        var response = await SignInForm.RegisterAsync(client, "Пётр Проверкин", $"+7 916 {Random.Shared.Next(100, 999)}-{Random.Shared.Next(10, 99)}-{Random.Shared.Next(10, 99)}", password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = string.Join(" ", new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync())
            .QuerySelectorAll(".account-field-error").Select(e => e.TextContent));
        Assert.Equal(tooShort, errors.Contains(TooShort));
        Assert.Equal(tooCommon, errors.Contains(TooCommon));
    }

    [Fact]
    public async Task A_long_uncommon_password_is_accepted()
    {
        var client = SignInForm.NewClient(app);

        var response = await SignInForm.RegisterAsync(client, "Пётр Надёжный", "+7 916 321-54-76", "Kx7-pQ2-mZ-river");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Theory]
    [InlineData("password", true)]
    [InlineData("Password-2026!", true)]
    [InlineData("1qaz2wsx3edc", true)]
    [InlineData("PAROL123456789", true)]
    [InlineData("пароль123", true)]
    [InlineData("Secret-Pass-2026", false)]
    [InlineData("kitchen-window-barometer", false)]
    public void The_shipped_list_catches_common_passwords_dressed_up_with_digits_and_symbols(string password, bool common)
    {
        Assert.Equal(common, CommonPasswordValidator.IsCommon(password));
    }
}

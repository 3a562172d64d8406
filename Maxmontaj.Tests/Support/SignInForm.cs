using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Maxmontaj.Tests.Support;

/// <summary>Signs in over HTTP exactly as a browser posts the sign-in form: antiforgery token included.</summary>
public static class SignInForm
{
    public static HttpClient NewClient(MaxmontajAppFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <param name="query">The form's address query, for example a returnUrl.</param>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string login, string password, string query = "")
    {
        var fields = await HiddenFieldsAsync(client, "/account/login");
        fields["Input.Login"] = login;
        fields["Input.Password"] = password;
        return await client.PostAsync("/account/login" + query, new FormUrlEncodedContent(fields));
    }

    /// <summary>Opens a one-time invitation link and sets the password on its form, as the invitee would.</summary>
    public static async Task<HttpResponseMessage> AcceptInviteAsync(HttpClient client, string link, string password)
    {
        var fields = await HiddenFieldsAsync(client, link);
        fields["Input.Password"] = password;
        return await client.PostAsync("/account/invite", new FormUrlEncodedContent(fields));
    }

    /// <summary>Opens a page and posts one of its forms (by its form name) back to it, hidden fields and antiforgery token included.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string url, string formName, IReadOnlyDictionary<string, string> fields)
    {
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(url));
        var form = page.QuerySelectorAll("form").First(f => f.QuerySelector($"input[name='_handler'][value='{formName}']") is not null);
        var values = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    private static async Task<Dictionary<string, string>> HiddenFieldsAsync(HttpClient client, string url)
    {
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(url));
        return page.QuerySelectorAll("form input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
    }

    /// <summary>An antiforgery token for this client's current user, taken from a form on the given page.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string url = "/account/login")
    {
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(url));
        return page.QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    /// <summary>Posts a form with the given fields and, when a token is given, the antiforgery field a browser would send.</summary>
    public static Task<HttpResponseMessage> PostFieldsAsync(HttpClient client, string url, IDictionary<string, string> fields, string? token)
    {
        var all = new Dictionary<string, string>(fields);
        if (token is not null)
        {
            all["__RequestVerificationToken"] = token;
        }

        return client.PostAsync(url, new FormUrlEncodedContent(all));
    }

    /// <summary>Fills and posts the sign-up form as a visitor would.</summary>
    public static async Task<HttpResponseMessage> RegisterAsync(HttpClient client, string name, string phone, string password)
    {
        var fields = await HiddenFieldsAsync(client, "/account/register");
        fields["Input.FullName"] = name;
        fields["Input.Phone"] = phone;
        fields["Input.Password"] = password;
        return await client.PostAsync("/account/register", new FormUrlEncodedContent(fields));
    }

    /// <summary>Signs in and fails the test unless the app redirected away from the form.</summary>
    public static async Task<HttpClient> SignedInClientAsync(MaxmontajAppFactory app, string login, string password = MaxmontajAppFactory.Password)
    {
        var client = NewClient(app);
        var response = await PostAsync(client, login, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {login} failed: {response.StatusCode}");
        }

        return client;
    }

    /// <summary>The text of the form's error banner, or null.</summary>
    public static async Task<string?> ErrorOfAsync(HttpResponseMessage response)
    {
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return page.QuerySelector(".account-error")?.TextContent.Trim();
    }

    /// <summary>The language switch as the user menu sends it: a form POST with the antiforgery token.</summary>
    public static async Task<HttpResponseMessage> SetCultureAsync(HttpClient client, string culture, string redirectUri) =>
        await PostFieldsAsync(client, "/culture/set",
            new Dictionary<string, string> { ["culture"] = culture, ["redirectUri"] = redirectUri },
            await AntiforgeryTokenAsync(client));
}

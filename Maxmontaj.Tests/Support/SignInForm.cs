using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Maxmontaj.Tests.Support;

/// <summary>Signs in over HTTP exactly as a browser posts the sign-in form: antiforgery token included.</summary>
public static class SignInForm
{
    public static HttpClient NewClient(MaxmontajAppFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string login, string password)
    {
        var fields = await HiddenFieldsAsync(client, "/account/login");
        fields["Input.Login"] = login;
        fields["Input.Password"] = password;
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(fields));
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
}

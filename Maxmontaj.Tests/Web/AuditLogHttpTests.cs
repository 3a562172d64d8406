using System.Net;
using Maxmontaj.Core.Audit;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Tests.Web;

/// <summary>Security events reach the persisted audit log over real HTTP, with the client address the proxy forwarded.</summary>
[Trait("Category", "Sqlite")]
public sealed class AuditLogHttpTests(MaxmontajAppFactory app) : IClassFixture<MaxmontajAppFactory>
{
    private static HttpClient ClientFrom(MaxmontajAppFactory app, string ip)
    {
        var client = SignInForm.NewClient(app);
        // As Apache on the same host sends it: the app trusts X-Forwarded-For from loopback.
        client.DefaultRequestHeaders.Add("X-Forwarded-For", ip);
        return client;
    }

    private async Task<List<AuditEntry>> EntriesAsync(Func<AuditEntry, bool> which)
    {
        var entries = new List<AuditEntry>();
        await app.WithDbAsync(async db => entries.AddRange(await db.AuditEntries.AsNoTracking().ToListAsync()));
        return entries.Where(which).ToList();
    }

    [Fact]
    public async Task A_failed_sign_in_of_an_unknown_login_is_recorded_with_the_address_and_without_the_login()
    {
        var login = $"nobody-{Guid.NewGuid():N}@example.ru";

        var response = await SignInForm.PostAsync(ClientFrom(app, "198.51.100.23"), login, "Wrong-password-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single(await EntriesAsync(e => e.Ip == "198.51.100.23"));
        Assert.Equal(AuditKind.SignInFailed, entry.Kind);
        Assert.Null(entry.ActorUserId);
        Assert.DoesNotContain("nobody", entry.Details ?? "");
        Assert.DoesNotContain("Wrong-password", entry.Details ?? "");
    }

    [Fact]
    public async Task A_wrong_password_a_sign_in_and_a_sign_out_are_recorded_for_the_account()
    {
        var user = await app.CreateUserAsync(Roles.Customer, email: $"audited-{Guid.NewGuid():N}@example.ru");
        await SignInForm.PostAsync(ClientFrom(app, "198.51.100.41"), user.Email!, "Wrong-password-1");
        var client = ClientFrom(app, "198.51.100.42");
        Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.PostAsync(client, user.Email!, MaxmontajAppFactory.Password)).StatusCode);
        var home = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync("/customer"));
        var token = home.QuerySelector("form[action='account/logout'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var signOut = await client.PostAsync("/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var entries = await EntriesAsync(e => e.SubjectId == user.Id.ToString());
        Assert.Equal(
            [(AuditKind.SignInFailed, null, "198.51.100.41"), (AuditKind.SignInSucceeded, user.Id, "198.51.100.42"), (AuditKind.SignedOut, user.Id, "198.51.100.42")],
            entries.OrderBy(e => e.Id).Select(e => (e.Kind, e.ActorUserId, e.Ip)));
        Assert.Contains("WrongPassword", entries[0].Details);
        Assert.Equal("Тестовый Пользователь", entries[2].ActorName);
    }
}

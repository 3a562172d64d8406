using System.Net;
using System.Text.RegularExpressions;
using Maxmontaj.Core.Notifications;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Tests.Web;

/// <summary>Passwords people manage themselves, over real HTTP: the change in the profile and the reset link through the outbox.</summary>
[Trait("Category", "Sqlite")]
public sealed partial class PasswordTests(SecurityAppFactory app) : IClassFixture<SecurityAppFactory>
{
    private const string NewPassword = "Very-Strong-Pass-2026!";
    private const string SameAnswer = "Если такой пользователь есть, мы отправили ссылку для смены пароля в мессенджер или на почту. Ссылка действует сутки.";

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();

    [Fact]
    public async Task A_changed_password_signs_in_the_old_one_no_longer_does_and_other_sessions_end()
    {
        var user = await app.CreateUserAsync(Roles.Dispatcher, "changer@example.ru");
        var otherDevice = await SignInForm.SignedInClientAsync(app, "changer@example.ru");
        var client = await SignInForm.SignedInClientAsync(app, "changer@example.ru");
        Assert.Equal(HttpStatusCode.OK, (await otherDevice.GetAsync("/dispatcher")).StatusCode);

        var wrong = await SignInForm.SubmitAsync(client, "/account/password", "change-password",
            new Dictionary<string, string> { ["Input.Current"] = "Not-my-password-1", ["Input.New"] = NewPassword });
        Assert.Equal("Текущий пароль указан неверно.", await SignInForm.ErrorOfAsync(wrong));

        var changed = await SignInForm.SubmitAsync(client, "/account/password", "change-password",
            new Dictionary<string, string> { ["Input.Current"] = MaxmontajAppFactory.Password, ["Input.New"] = NewPassword });

        Assert.Contains("Пароль изменён.", await changed.Content.ReadAsStringAsync());
        Assert.NotEqual(user.SecurityStamp, await StampAsync(user.Id));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dispatcher")).StatusCode);
        Assert.Contains("/account/login", (await otherDevice.GetAsync("/dispatcher")).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await SignInForm.PostAsync(SignInForm.NewClient(app), "changer@example.ru", MaxmontajAppFactory.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.PostAsync(SignInForm.NewClient(app), "changer@example.ru", NewPassword)).StatusCode);
    }

    [Fact]
    public async Task A_reset_link_goes_through_the_messenger_without_being_stored_and_sets_a_new_password()
    {
        var user = await app.CreateUserAsync(Roles.Executor, "forgetful@example.ru", phone: "+79105557711");
        await app.UpdateUserAsync(user.Id, u => u.TelegramChatId = 7711);

        var answer = await RequestResetAsync("8 910 555-77-11");

        Assert.Equal(SameAnswer, answer);
        var stored = Assert.Single(await NotificationsAsync(user.Id));
        Assert.DoesNotContain("reset-password", stored.Text);
        Assert.DoesNotContain("token=", stored.Text);
        Assert.Contains(SealedText.Prefix, stored.Text);

        await app.DispatchAsync();
        var message = app.Bot.Sent.Single(s => s.ChatId == 7711).Text;
        var link = Link().Match(message).Value;
        Assert.StartsWith("http://localhost/account/reset-password?user=", link);
        Assert.DoesNotContain(await NotificationsAsync(user.Id), n => n.Text.Contains(link[20..]));

        var client = SignInForm.NewClient(app);
        var reset = await SignInForm.SubmitAsync(client, new Uri(link).PathAndQuery, "reset-password", new Dictionary<string, string> { ["Input.Password"] = NewPassword });
        Assert.Contains("Пароль изменён. Войдите с новым паролем.", await reset.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.PostAsync(SignInForm.NewClient(app), "forgetful@example.ru", NewPassword)).StatusCode);

        // The link works once.
        var again = await SignInForm.SubmitAsync(client, new Uri(link).PathAndQuery, "reset-password", new Dictionary<string, string> { ["Input.Password"] = "Another-Strong-Pass-2027!" });
        Assert.Equal("Ссылка недействительна, устарела или уже использована. Запросите новую.", await SignInForm.ErrorOfAsync(again));
    }

    [Fact]
    public async Task An_unknown_login_gets_the_same_answer_and_nothing_is_queued()
    {
        var before = await CountAsync();

        Assert.Equal(SameAnswer, await RequestResetAsync("nobody-here@example.ru"));
        Assert.Equal(SameAnswer, await RequestResetAsync("+79990000000"));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_stored_link_whose_seal_has_expired_is_never_sent()
    {
        var user = await app.CreateUserAsync(Roles.Executor, "late@example.ru");
        await app.UpdateUserAsync(user.Id, u => u.TelegramChatId = 7712);
        var secrets = app.Services.GetRequiredService<INotificationSecrets>();
        await app.WithDbAsync(db =>
        {
            Outbox.Enqueue(db, user.Id, "password", null, NotificationTexts.PasswordReset(secrets.Seal("http://localhost/account/reset-password?user=x&token=y", TimeSpan.FromSeconds(-1))),
                $"expired:{user.Id:N}", DateTimeOffset.UtcNow);
            return Task.CompletedTask;
        });

        await app.DispatchAsync();

        var stored = Assert.Single(await NotificationsAsync(user.Id));
        Assert.Equal((NotificationStatus.Failed, "The one-time link in the message has expired"), (stored.Status, stored.LastError));
        Assert.DoesNotContain(app.Bot.Sent, s => s.ChatId == 7712);
    }

    private async Task<string?> RequestResetAsync(string login)
    {
        var response = await SignInForm.SubmitAsync(SignInForm.NewClient(app), "/account/forgot-password", "forgot-password",
            new Dictionary<string, string> { ["Input.Login"] = login });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync())
            .QuerySelector(".account-success")?.TextContent.Trim();
    }

    private async Task<List<Notification>> NotificationsAsync(Guid userId)
    {
        List<Notification> rows = [];
        await app.WithDbAsync(async db => rows = await db.Notifications.Where(n => n.UserId == userId && n.Kind == "password").ToListAsync());
        return rows;
    }

    private async Task<int> CountAsync()
    {
        var count = 0;
        await app.WithDbAsync(async db => count = await db.Notifications.CountAsync());
        return count;
    }

    private async Task<string?> StampAsync(Guid userId)
    {
        string? stamp = null;
        await app.WithDbAsync(async db => stamp = await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync());
        return stamp;
    }
}

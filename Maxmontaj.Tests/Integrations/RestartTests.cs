using Maxmontaj.Core.Notifications;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Tests.Integrations;

/// <summary>The app stops with notifications pending and starts again: each one arrives exactly once.</summary>
[Trait("Category", "Sqlite")]
public sealed class RestartTests : IAsyncLifetime
{
    private FakeBotApi _bot = default!;
    private TestDatabase _db = default!;

    public async Task InitializeAsync()
    {
        _bot = await FakeBotApi.StartAsync();
        _db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await _bot.DisposeAsync();
    }

    private sealed class App(TestDatabase db, string bot) : MaxmontajAppFactory(db)
    {
        protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
        {
            ["Telegram:Token"] = "123456:TEST",
            ["Telegram:BaseUrl"] = bot,
            ["Notifications:PollSeconds"] = "1",
            ["Notifications:FirstRetrySeconds"] = "5",
        };
    }

    private async Task<List<Notification>> NotificationsAsync()
    {
        await using var context = _db.NewContext();
        return await context.Notifications.AsNoTracking().OrderBy(n => n.Id).ToListAsync();
    }

    private static async Task Until(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200 && !await condition(); i++)
        {
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Pending_notifications_survive_a_restart_and_are_delivered_once_each()
    {
        _db.CurrentUser.As(Guid.NewGuid(), Roles.Admin);
        var user = (await _db.Get<UserAdministrationService>().CreateAsync(new UserEditModel
        {
            FullName = "Фёдор", PhoneNumber = "+7 916 000-11-22", Roles = [Roles.Executor], Password = "Secret-Pass-123",
        })).Value;
        await using (var context = _db.NewContext())
        {
            (await context.Users.SingleAsync(u => u.Id == user)).TelegramChatId = 55;
            for (var i = 1; i <= 3; i++)
            {
                Outbox.Enqueue(context, user, "assignment", null, $"Сообщение {i}", $"restart-{i}", DateTimeOffset.UtcNow.AddMinutes(-1));
            }

            await context.SaveChangesAsync();
        }

        // The first run of the app meets a failing Bot API and stops with everything still pending.
        _bot.Behaviour = FakeBotApi.Mode.ServerError;
        await using (var first = new App(_db, _bot.BaseUrl))
        {
            await ((Xunit.IAsyncLifetime)first).InitializeAsync();
            using var client = first.CreateClient();
            // Stop between passes: every notification has had its failed try and waits for its retry.
            await Until(async () =>
            {
                await using var context = _db.NewContext();
                return await context.NotificationAttempts.CountAsync() >= 3;
            });
        }

        Assert.All(await NotificationsAsync(), n => Assert.Equal(NotificationStatus.Pending, n.Status));
        Assert.Empty(_bot.Sent);

        // The second run finds them in the database and delivers each exactly once.
        _bot.Behaviour = FakeBotApi.Mode.Ok;
        await using (var second = new App(_db, _bot.BaseUrl))
        {
            await ((Xunit.IAsyncLifetime)second).InitializeAsync();
            using var client = second.CreateClient();
            await Until(async () => (await NotificationsAsync()).All(n => n.Status == NotificationStatus.Delivered));
            await Task.Delay(1500); // another worker pass must not send anything again
        }

        Assert.All(await NotificationsAsync(), n => Assert.Equal(NotificationStatus.Delivered, n.Status));
        Assert.Equal(["Сообщение 1", "Сообщение 2", "Сообщение 3"], _bot.Sent.Select(s => s.Text).Order());
    }
}

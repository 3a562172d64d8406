using System.Diagnostics;
using Maxmontaj.Core.Notifications;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;

namespace Maxmontaj.Tests.Integrations;

/// <summary>
/// The outbox worker in the running app: it sleeps for an hour between polls here, so anything delivered promptly was
/// delivered because the commit that queued it woke the worker, and because a full batch is followed at once by the next.
/// </summary>
public abstract class OutboxWorkerTests : IAsyncLifetime
{
    private FakeBotApi _bot = default!;
    private TestDatabase _db = default!;

    protected abstract DatabaseProvider Provider { get; }

    public async Task InitializeAsync()
    {
        _bot = await FakeBotApi.StartAsync();
        _db = await TestDatabase.CreateAsync(Provider);
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
            ["Notifications:PollSeconds"] = "3600",
            ["Notifications:BatchSize"] = "10",
        };
    }

    private async Task Until(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < limit)
        {
            await Task.Delay(20);
        }

        Assert.True(condition(), $"{_bot.Sent.Count} sent after {clock.Elapsed}");
    }

    [Fact]
    public async Task A_commit_that_queues_wakes_the_worker_and_full_batches_follow_each_other_at_once()
    {
        await using var app = new App(_db, _bot.BaseUrl);
        await ((IAsyncLifetime)app).InitializeAsync();
        using var client = app.CreateClient();
        await app.WithDbAsync(db =>
        {
            Outbox.EnqueueDirect(db, "Telegram", "1", "reply", "Первое", "first", DateTimeOffset.UtcNow);
            return Task.CompletedTask;
        });
        await Until(() => _bot.Sent.Count == 1, TimeSpan.FromSeconds(5));

        // The worker is now asleep for an hour; 35 messages in one commit: four batches of ten, one after another.
        var clock = Stopwatch.StartNew();
        await app.WithDbAsync(db =>
        {
            for (var chat = 2; chat <= 36; chat++)
            {
                Outbox.EnqueueDirect(db, "Telegram", chat.ToString(), "reply", $"Чат {chat}", $"chat-{chat}", DateTimeOffset.UtcNow);
            }

            return Task.CompletedTask;
        });
        await Until(() => _bot.Sent.Count == 36, TimeSpan.FromSeconds(3));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.Equal(36, _bot.Sent.Select(s => s.ChatId).Distinct().Count());
    }
}

[Trait("Category", "Sqlite")]
public sealed class OutboxWorkerTests_Sqlite : OutboxWorkerTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class OutboxWorkerTests_MariaDb : OutboxWorkerTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

using System.Diagnostics;
using System.Net.Http.Json;
using Maxmontaj.Core.Notifications;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Maxmontaj.BenchOutbox;

/// <summary>
/// Outbox throughput to a local fake Bot API that answers at once, against a bare HttpClient keep-alive loop to the same fake,
/// in one run. Usage: bench-outbox [sqlite|mariadb] [messages] [recipients]. MariaDB needs MAXMONTAJ_TEST_MARIADB.
/// </summary>
public static class Runner
{
    public static async Task<int> Main(string[] args)
    {
        var provider = args.Length > 0 && args[0].Equals("mariadb", StringComparison.OrdinalIgnoreCase) ? DatabaseProvider.MariaDb : DatabaseProvider.Sqlite;
        var messages = args.Length > 1 ? int.Parse(args[1]) : 5000;
        var recipients = args.Length > 2 ? int.Parse(args[2]) : 200;
        await using var bot = await FakeBotApi.StartAsync();

        // 1. The bare loop: one HttpClient, one keep-alive connection, one POST after another.
        using var http = new HttpClient();
        var url = $"{bot.BaseUrl}/bot123456:TEST/sendMessage";
        await BareAsync(http, url, 500);
        var bare = await BareAsync(http, url, messages);

        // 2. The outbox: the worker's own loop (OutboxDispatcher.RunAsync), woken by the commit that queues the messages.
        await using var db = await TestDatabase.CreateAsync(provider, configure: services =>
        {
            services.AddMaxmontajNotifications(runWorker: false);
            services.AddSingleton<INotificationChannel, NullChannel>();
            services.AddSingleton(TimeProvider.System);
            services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        }, settings: new Dictionary<string, string?> { ["Telegram:Token"] = "123456:TEST", ["Telegram:BaseUrl"] = bot.BaseUrl });
        var users = await UsersAsync(db, recipients, "Telegram");
        var nullUsers = await UsersAsync(db, recipients, NullChannel.ChannelName);
        using var stop = new CancellationTokenSource();
        var worker = Task.Run(async () =>
        {
            await using var scope = db.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().RunAsync(db.Services.GetRequiredService<IOutboxSignal>(), stop.Token);
        });

        await OutboxAsync(db, bot, users, 500, "warm");
        var outbox = await OutboxAsync(db, bot, users, messages, "run");
        var databaseOnly = await OutboxAsync(db, null, nullUsers, messages, "null");
        var telegramBot = await TelegramBotLoopAsync(db, messages);
        await stop.CancelAsync();
        try
        {
            await worker;
        }
        catch (OperationCanceledException)
        {
        }

        Console.WriteLine($"provider={provider} messages={messages} recipients={recipients} cores={Environment.ProcessorCount}");
        Console.WriteLine($"bare HttpClient keep-alive loop: {bare:0} msg/s");
        Console.WriteLine($"outbox (queue -> delivered):     {outbox:0} msg/s");
        Console.WriteLine($"ratio outbox/bare: {outbox / bare:0.00}");
        Console.WriteLine($"diagnostics: outbox to an instant in-process channel (database only): {databaseOnly:0} msg/s;");
        Console.WriteLine($"             Telegram.Bot through the app's HttpClient, one after another (no database): {telegramBot:0} msg/s");
        return 0;
    }

    private static async Task<double> BareAsync(HttpClient http, string url, int count)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            using var response = await http.PostAsJsonAsync(url, new { chat_id = 1 + (i % 200), text = $"Сообщение {i}" });
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsStringAsync();
        }

        return count / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> TelegramBotLoopAsync(TestDatabase db, int count)
    {
        var channel = db.Services.GetServices<INotificationChannel>().Single(c => c.Name == "Telegram");
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var result = await channel.SendAsync(new NotificationRecipient(Guid.Empty, "", null, null, 1 + (i % 200)), $"Сообщение {i}", CancellationToken.None);
            if (result.Outcome != DeliveryOutcome.Sent)
            {
                throw new InvalidOperationException(result.Error);
            }
        }

        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>A channel that accepts at once in memory: what the outbox costs without any network.</summary>
    private sealed class NullChannel : INotificationChannel
    {
        public const string ChannelName = "Null";

        public static int Sent;

        public string Name => ChannelName;

        public bool CanReach(NotificationRecipient recipient) => true;

        public Task<DeliveryResult> SendAsync(NotificationRecipient recipient, string text, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Sent);
            return Task.FromResult(new DeliveryResult(DeliveryOutcome.Sent));
        }
    }

    private static async Task<List<Guid>> UsersAsync(TestDatabase db, int count, string channels)
    {
        await using var context = db.NewContext();
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.CreateVersion7();
            context.Users.Add(new ApplicationUser
            {
                Id = id, UserName = id.ToString("N"), NormalizedUserName = id.ToString("N").ToUpperInvariant(), FullName = $"Монтажник {i}",
                NormalizedFullName = $"МОНТАЖНИК {i}", Email = $"{channels}{i}@bench.local", NormalizedEmail = $"{channels}{i}@BENCH.LOCAL".ToUpperInvariant(), TelegramChatId = (channels == "Telegram" ? 1000 : 100_000) + i,
                NotificationChannels = channels,
                SecurityStamp = Guid.NewGuid().ToString("N"),
            });
            ids.Add(id);
        }

        await context.SaveChangesAsync();
        return ids;
    }

    /// <summary>Queues <paramref name="count"/> messages in one commit and times until the fake has received them all.</summary>
    private static async Task<double> OutboxAsync(TestDatabase db, FakeBotApi? bot, List<Guid> users, int count, string tag)
    {
        int Sent() => bot?.Sent.Count ?? Volatile.Read(ref NullChannel.Sent);
        var before = Sent();
        await using var context = db.NewContext();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            Outbox.Enqueue(context, users[i % users.Count], "chat", null, $"Заказ {i}: визит перенесли на 12:00", $"{tag}-{i}", now);
        }

        await context.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            // Queued in one transaction; the clock starts at its commit, which wakes the worker.
            await using var transaction = await context.Database.BeginTransactionAsync();
            await context.SaveChangesAsync();
            await transaction.CommitAsync();
        });
        var clock = Stopwatch.StartNew();
        while (Sent() - before < count)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException($"{Sent() - before} of {count} delivered in 3 minutes");
            }

            await Task.Delay(5);
        }

        // Delivered means recorded too: the clock stops when the last outcome has committed.
        await using var check = db.NewContext();
        while (await check.Notifications.AnyAsync(n => n.Status != NotificationStatus.Delivered))
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException("outcomes not recorded in 3 minutes");
            }

            await Task.Delay(5);
        }

        return count / clock.Elapsed.TotalSeconds;
    }
}

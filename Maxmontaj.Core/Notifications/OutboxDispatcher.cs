using System.Collections.Concurrent;
using Maxmontaj.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Core.Notifications;

/// <summary>
/// Delivers due notifications: each recipient's channels in order, concurrently across recipients (one recipient's messages one
/// after another, so they arrive in order), a bounded number of sends per channel, a short send timeout owned by the outbox,
/// the next channel at once when one fails (retries with backoff only on the last usable one), a circuit breaker per channel,
/// every attempt logged, and at most one send per channel (a claim is committed before each send, ADR 0009 and 0024).
/// </summary>
public sealed class OutboxDispatcher(
    IMaxmontajDbFactory dbFactory,
    IEnumerable<INotificationChannel> channels,
    TimeProvider time,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> logger,
    INotificationSecrets secrets,
    ChannelHealth health,
    OutboxMetrics metrics,
    OutboxInFlight inFlight)
{
    public const int AttemptsPerChannel = 3;
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(OutboxOptions.DefaultFirstRetrySeconds);

    private OutboxOptions Settings => options.Value;

    /// <summary>One pass: delivers what is due now (up to a batch), concurrently, and returns how many it delivered.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        var underWay = inFlight.UnderWay();
        var batch = await ReadDueAsync(Settings.BatchSize, inFlight.Ids.ToHashSet(), new HashSet<string>(), nextDue: false, cancellationToken);
        await using var writer = new OutboxWriter(dbFactory, cancellationToken);
        var delivered = await Task.WhenAll(batch.Lanes.Select(lane => RegisteredLaneAsync(lane, writer, null, cancellationToken)));
        await underWay;
        return delivered.Sum();
    }

    /// <summary>
    /// The worker's loop: reads what is due and starts each recipient's lane without waiting for the others; reads again at
    /// once when the batch was full, when a commit queued something (<paramref name="signal"/>), when a lane ends or when the
    /// next retry falls due, and otherwise after <see cref="OutboxOptions.PollSeconds"/>.
    /// </summary>
    public async Task RunAsync(IOutboxSignal signal, CancellationToken cancellationToken)
    {
        var running = new ConcurrentDictionary<string, long[]>();
        var coolingOff = new ConcurrentDictionary<long, DateTimeOffset>();
        var lanes = new ConcurrentDictionary<Task, byte>();
        var laneEnded = new OutboxSignal();
        var poll = TimeSpan.FromSeconds(Math.Max(1, Settings.PollSeconds));
        await using var writer = new OutboxWriter(dbFactory, cancellationToken);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                // Armed before reading, so a commit during the read still wakes the next wait.
                var woken = signal.WhenNotified();
                var ended = laneEnded.WhenNotified();
                var now = time.GetUtcNow();
                var room = Math.Min(Settings.BatchSize, Settings.MaxInFlight - running.Count);
                DateTimeOffset? nextDue = null;
                if (room > 0)
                {
                    foreach (var expired in coolingOff.Where(c => c.Value <= now).Select(c => c.Key).ToList())
                    {
                        coolingOff.TryRemove(expired, out _);
                    }

                    var excluded = inFlight.Ids.Concat(coolingOff.Keys).ToHashSet();
                    var batch = await ReadDueAsync(room, excluded, running.Keys.ToHashSet(), nextDue: true, cancellationToken);
                    foreach (var lane in batch.Lanes)
                    {
                        var key = lane[0].Key;
                        running[key] = lane.Select(d => d.Notification.Id).ToArray();
                        var task = Task.Run(async () =>
                        {
                            try
                            {
                                await RegisteredLaneAsync(lane, writer, coolingOff, cancellationToken);
                            }
                            finally
                            {
                                running.TryRemove(key, out _);
                                // Read again once half the lanes are free, not after every lane: one read serves many lanes.
                                if (running.Count <= Settings.MaxInFlight / 2)
                                {
                                    laneEnded.Notify();
                                }
                            }
                        }, CancellationToken.None);
                        lanes[task] = 0;
                        _ = task.ContinueWith(t => lanes.TryRemove(t, out _), TaskScheduler.Default);
                    }

                    if (batch.Read == room && batch.Lanes.Count > 0)
                    {
                        continue;   // a full batch: more is due, read again at once
                    }

                    nextDue = batch.NextDue;
                }

                var wait = nextDue is { } due ? TimeSpan.FromTicks(Math.Clamp((due - now).Ticks, 0, poll.Ticks)) : poll;
                using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                await Task.WhenAny(woken, ended, Task.Delay(wait, time, stopDelay.Token));
                await stopDelay.CancelAsync();
            }
        }
        finally
        {
            try
            {
                await Task.WhenAll(lanes.Keys);
            }
            catch (Exception exception) when (exception is OperationCanceledException || cancellationToken.IsCancellationRequested)
            {
                // Stopping: a send cut short keeps its claim without an outcome, "maybe sent" (ADR 0009).
            }
        }
    }

    private sealed record RecipientRow(Guid Id, string FullName, string? Email, string? Phone, long? TelegramChatId, string NotificationChannels, bool IsActive, string? MutedKinds);

    /// <summary>A due notification with what delivering it needs, read with the rest of its batch.</summary>
    private sealed record Due(Notification Notification, RecipientRow? User, List<NotificationSend> Claims)
    {
        /// <summary>Whose lane it goes in: the account, or the address of someone without one.</summary>
        public string Key => Notification.UserId != Guid.Empty ? Notification.UserId.ToString("N") : Notification.DirectAddress ?? "#" + Notification.Id;
    }

    private sealed record DueBatch(IReadOnlyList<List<Due>> Lanes, int Read, DateTimeOffset? NextDue);

    /// <summary>Reads due notifications, their recipients and their claims in three light queries, grouped into one lane per recipient.</summary>
    private async Task<DueBatch> ReadDueAsync(int limit, IReadOnlySet<long> excluded, IReadOnlySet<string> busy, bool nextDue, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var query = db.Notifications.AsNoTracking().Where(n => n.Status == NotificationStatus.Pending && n.NextAttemptAt <= now);
        if (excluded.Count > 0)
        {
            var ids = excluded.ToList();
            query = query.Where(n => !ids.Contains(n.Id));
        }

        var due = await query.OrderBy(n => n.NextAttemptAt).ThenBy(n => n.Id).Take(limit).ToListAsync(cancellationToken);
        DateTimeOffset? next = null;
        if (nextDue && due.Count < limit)
        {
            next = await db.Notifications.Where(n => n.Status == NotificationStatus.Pending && n.NextAttemptAt > now)
                .MinAsync(n => (DateTimeOffset?)n.NextAttemptAt, cancellationToken);
        }

        if (due.Count == 0)
        {
            return new DueBatch([], 0, next);
        }

        var userIds = due.Select(n => n.UserId).Where(id => id != Guid.Empty).Distinct().ToList();
        var users = userIds.Count == 0 ? [] : await db.Users.Where(u => userIds.Contains(u.Id))
            .Select(u => new RecipientRow(u.Id, u.FullName, u.Email, u.PhoneNumber, u.TelegramChatId, u.NotificationChannels, u.IsActive, u.MutedKinds))
            .ToListAsync(cancellationToken);
        var dueIds = due.Select(n => n.Id).ToList();
        var claims = (await db.NotificationSends.AsNoTracking().Where(s => dueIds.Contains(s.NotificationId)).ToListAsync(cancellationToken))
            .ToLookup(s => s.NotificationId);
        var lanes = due.Select(n => new Due(n, users.FirstOrDefault(u => u.Id == n.UserId), claims[n.Id].ToList()))
            .Where(d => !busy.Contains(d.Key))
            .GroupBy(d => d.Key)
            .Select(g => g.ToList())
            .ToList();
        return new DueBatch(lanes, due.Count, next);
    }

    /// <summary>A lane registered in <see cref="OutboxInFlight"/> (up to its first notification another pass has under way).</summary>
    private async Task<int> RegisteredLaneAsync(List<Due> lane, OutboxWriter writer, ConcurrentDictionary<long, DateTimeOffset>? coolingOff, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var taken = lane.TakeWhile(d => inFlight.TryAdd(d.Notification.Id, done.Task)).ToList();
        try
        {
            var delivered = taken.Count == 0 ? 0 : await DeliverLaneAsync(taken, writer, coolingOff, cancellationToken);
            if (coolingOff is null && taken.Count < lane.Count && inFlight.Of(lane[taken.Count].Notification.Id) is { } other && other != done.Task)
            {
                await other;   // a one-off pass waits for the worker that took this notification a moment before it
            }

            return delivered;
        }
        finally
        {
            inFlight.Remove(taken.Select(d => d.Notification.Id));
            done.TrySetResult();
        }
    }

    /// <summary>One recipient's notifications, one after another. In the worker a failure stops the lane and cools the notification off.</summary>
    private async Task<int> DeliverLaneAsync(List<Due> lane, OutboxWriter writer, ConcurrentDictionary<long, DateTimeOffset>? coolingOff, CancellationToken cancellationToken)
    {
        var delivered = 0;
        foreach (var due in lane)
        {
            try
            {
                if (await DeliverAsync(due, writer, cancellationToken))
                {
                    delivered++;
                }
            }
            catch (Exception exception) when (coolingOff is not null && !cancellationToken.IsCancellationRequested)
            {
                logger.LogError(exception, "Delivering notification {NotificationId} failed; it is tried again shortly", due.Notification.Id);
                coolingOff[due.Notification.Id] = time.GetUtcNow().AddSeconds(Math.Max(1, Settings.PollSeconds));
                break;
            }
        }

        return delivered;
    }

    private async Task<bool> DeliverAsync(Due due, OutboxWriter writer, CancellationToken cancellationToken)
    {
        var notification = due.Notification;
        var id = notification.Id;
        var user = due.User;
        if (user?.MutedKinds?.Split(',').Contains(notification.Kind) == true && NotificationTexts.Optional.Contains(notification.Kind))
        {
            notification.Status = NotificationStatus.Discarded;
            notification.LastError = "Switched off by the recipient";
            await writer.SaveAsync(notification);
            return false;
        }

        var recipient = user is null ? null : new NotificationRecipient(user.Id, user.FullName, user.Email, user.Phone, user.TelegramChatId);
        var order = user is null || !user.IsActive ? [] : Order(user.NotificationChannels);
        if (notification.DirectAddress?.Split(':', 2) is [var direct, var address])
        {
            // An applicant without an account, a bot reply or a channel test: exactly that channel and address.
            recipient = new NotificationRecipient(Guid.Empty, "", direct == "Email" ? address : null, direct == "WhatsApp" ? "+" + address.TrimStart('+') : null,
                direct == "Telegram" && long.TryParse(address, out var chat) ? chat : null);
            order = Order(direct);
        }

        // A sealed one-time link is opened only now, in memory; once it has expired the message is useless, so it fails.
        var text = SealedText.IsSealed(notification.Text) ? secrets.Open(notification.Text) : notification.Text;
        if (text is null)
        {
            order = [];
            notification.LastError = "The one-time link in the message has expired";
        }

        while (notification.ChannelIndex < order.Count)
        {
            var channel = order[notification.ChannelIndex];
            var claim = due.Claims.FirstOrDefault(c => c.Channel == channel.Name);
            if (!channel.CanReach(recipient!) || claim is { Succeeded: not false })
            {
                // Unreachable, or sent, or maybe sent before a stop: never again through this channel.
                NextChannel(notification);
                continue;
            }

            var hasNext = order.Skip(notification.ChannelIndex + 1).Any(c => c.CanReach(recipient!) &&
                due.Claims.FirstOrDefault(s => s.Channel == c.Name) is null or { Succeeded: false });

            // This channel just failed this person, or failed everyone: their next channel now, in order.
            if (hasNext && (health.RecentlyFailedFor(channel.Name, due.Key) || health.IsOpen(channel.Name, out _)))
            {
                notification.LastError = Trim($"{channel.Name}: skipped, failing at the moment");
                NextChannel(notification);
                continue;
            }

            // The claim is committed before the send (ADR 0009), and before waiting for a slot, so that the claims of many
            // lanes share one commit.
            var newClaim = claim is null;
            claim ??= new NotificationSend { NotificationId = id, Channel = channel.Name };
            (claim.Succeeded, claim.ClaimedAt) = (null, time.GetUtcNow());
            await writer.SaveAsync(notification, claim, newClaim);
            if (newClaim)
            {
                due.Claims.Add(claim);
            }

            var slots = health.Slots(channel.Name);
            await slots.WaitAsync(cancellationToken);
            DeliveryResult result;
            var pass = new BreakerPass(false, false, default);
            var reported = false;
            try
            {
                pass = health.TryPass(channel.Name);
                if (!pass.Allowed)
                {
                    slots.Release();
                    reported = true;
                    claim.Succeeded = false;   // not sent, for certain
                    if (hasNext)
                    {
                        notification.LastError = Trim($"{channel.Name}: skipped, failing at the moment");
                        NextChannel(notification);
                        await writer.SaveAsync(notification, claim);
                        continue;
                    }

                    // The last channel is open: wait for its probe.
                    notification.LastError = Trim($"{channel.Name}: waiting, the channel is failing");
                    notification.NextAttemptAt = pass.RetryAt;
                    await writer.SaveAsync(notification, claim);
                    return false;
                }

                try
                {
                    result = await SendAsync(channel, recipient!, text!, cancellationToken);
                }
                finally
                {
                    slots.Release();
                }

                reported = true;
                Report(channel.Name, due.Key, result);
            }
            finally
            {
                if (!reported)
                {
                    health.Abandoned(channel.Name, pass.Probe);
                }
            }

            var now = time.GetUtcNow();

            // A bot's reply answers a person waiting in that very chat, and it has no other channel: a send that timed out is
            // tried again there (a rare second copy of an answer is better than a lost one), where every other notification
            // moves on to its next channel (ADR 0009, ADR 0025).
            if (result.Outcome == DeliveryOutcome.Unknown && Outbox.IsChatAnswer(notification.Kind))
            {
                result = result with { Outcome = DeliveryOutcome.Retry, Error = Trim($"{result.Error} (a reply in the chat: tried again)") };
            }

            claim.Succeeded = result.Outcome switch
            {
                DeliveryOutcome.Sent => true,
                DeliveryOutcome.Unknown => null,   // maybe sent: the claim stays open for good
                _ => false,
            };
            var attempt = new NotificationAttempt
            {
                NotificationId = id, Channel = channel.Name, At = now, Succeeded = result.Outcome == DeliveryOutcome.Sent, Error = Trim(result.Error),
                ProviderMessageId = result.ProviderMessageId,
            };

            if (result.Outcome == DeliveryOutcome.Sent)
            {
                notification.Status = NotificationStatus.Delivered;
                notification.SentAt = now;
                notification.DeliveredVia = channel.Name;
                await writer.SaveAsync(notification, claim, attempt: attempt);
                metrics.Sent(channel.Name, now - notification.CreatedAt);
                return true;
            }

            notification.LastError = Trim($"{channel.Name}: {result.Error}");
            notification.AttemptsOnChannel++;
            if (result.Outcome == DeliveryOutcome.Retry && notification.AttemptsOnChannel < AttemptsPerChannel)
            {
                // A passing failure: the next channel now, unless this is the last one, or the messenger's own wait ends in time.
                var deadline = notification.CreatedAt + TimeSpan.FromSeconds(Settings.FailoverTargetSeconds);
                var waitInTime = result.RetryAfter is { } wait && now + wait <= deadline;
                if (!hasNext || waitInTime)
                {
                    var backoff = TimeSpan.FromSeconds(Settings.FirstRetrySeconds) * Math.Pow(2, notification.AttemptsOnChannel - 1);
                    var retryAfter = result.RetryAfter ?? TimeSpan.Zero;
                    notification.NextAttemptAt = now + (waitInTime || retryAfter > backoff ? retryAfter : backoff);
                    await writer.SaveAsync(notification, claim, attempt: attempt);
                    return false;
                }
            }

            NextChannel(notification);
            if (notification.ChannelIndex < order.Count)
            {
                await writer.SaveAsync(notification, claim, attempt: attempt);
                continue;
            }

            notification.Status = NotificationStatus.Failed;
            await writer.SaveAsync(notification, claim, attempt: attempt);
            logger.LogWarning("Notification {NotificationId} for {UserId} could not be delivered: {Error}", id, notification.UserId, notification.LastError);
            return false;
        }

        notification.Status = NotificationStatus.Failed;
        notification.LastError ??= "No channel can reach the recipient";
        await writer.SaveAsync(notification);
        logger.LogWarning("Notification {NotificationId} for {UserId} could not be delivered: {Error}", id, notification.UserId, notification.LastError);
        return false;
    }

    /// <summary>Tells the breaker and the meters how a send went.</summary>
    private void Report(string channel, string recipient, DeliveryResult result)
    {
        switch (result.Outcome)
        {
            case DeliveryOutcome.Sent:
                health.Succeeded(channel);
                break;
            case DeliveryOutcome.GiveUp:
                // The messenger answered about this person only (blocked bot, closed window): the channel itself works.
                health.Succeeded(channel);
                health.FailedFor(channel, recipient);
                metrics.Failed(channel, "refused");
                break;
            default:
                health.Failed(channel, recipient, Trim(result.Error), result.RetryAfter);
                metrics.Failed(channel, result.Outcome == DeliveryOutcome.Unknown ? "timeout" : result.RetryAfter is null ? "error" : "throttled");
                break;
        }
    }

    /// <summary>
    /// A messenger's delivery callback: records the status on the attempt; a failure after the fact (WhatsApp's "failed",
    /// error 131047) reopens the notification so the next channel delivers it.
    /// </summary>
    public async Task ReportStatusAsync(string channel, string providerMessageId, string status, bool failed, string? error, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var attempt = await db.NotificationAttempts.SingleOrDefaultAsync(a => a.Channel == channel && a.ProviderMessageId == providerMessageId, cancellationToken);
        if (attempt is null)
        {
            return;
        }

        attempt.ProviderStatus = status.Length > 16 ? status[..16] : status;
        if (failed && attempt.Succeeded)
        {
            attempt.Succeeded = false;
            attempt.Error = Trim(error ?? status);
            var notification = await db.Notifications.SingleAsync(n => n.Id == attempt.NotificationId, cancellationToken);
            var send = await db.NotificationSends.SingleOrDefaultAsync(s => s.NotificationId == notification.Id && s.Channel == channel, cancellationToken);
            if (send is not null)
            {
                send.Succeeded = false;
            }

            if (notification.Status == NotificationStatus.Delivered && notification.DeliveredVia == channel)
            {
                (notification.Status, notification.DeliveredVia, notification.SentAt, notification.NextAttemptAt) = (NotificationStatus.Pending, null, null, time.GetUtcNow());
                notification.LastError = Trim($"{channel}: {error ?? status}");
                NextChannel(notification);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Puts a failed notification back in the queue, from the first channel.</summary>
    public async Task<Result> RetryAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id, cancellationToken) ?? throw new NotFoundException("Notification", id);
        if (notification.Status != NotificationStatus.Failed)
        {
            return Result.Failure(new Error("Notification.NotFailed"));
        }

        // A retry is a new decision by a person: failed sends may be tried again; sent or maybe-sent ones are not.
        foreach (var failed in await db.NotificationSends.Where(s => s.NotificationId == id && s.Succeeded == false).ToListAsync(cancellationToken))
        {
            db.NotificationSends.Remove(failed);
        }

        (notification.Status, notification.ChannelIndex, notification.AttemptsOnChannel, notification.NextAttemptAt) =
            (NotificationStatus.Pending, 0, 0, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }

    private List<INotificationChannel> Order(string preference) =>
        preference.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => channels.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
            .OfType<INotificationChannel>().ToList();

    private static void NextChannel(Notification notification)
    {
        notification.ChannelIndex++;
        notification.AttemptsOnChannel = 0;
    }

    /// <summary>
    /// One send under the outbox's own timeout (<see cref="OutboxOptions.SendTimeoutSeconds"/>, on the app's clock): a send
    /// that has not finished by then is abandoned and its outcome is unknown.
    /// </summary>
    private async Task<DeliveryResult> SendAsync(INotificationChannel channel, NotificationRecipient recipient, string text, CancellationToken cancellationToken)
    {
        var timeout = Settings.SendTimeout;
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            var result = await channel.SendAsync(recipient, text, linked.Token).WaitAsync(linked.Token);
            return result.Outcome != DeliveryOutcome.Sent && timer.IsCancellationRequested ? TimedOut(timeout) : result;
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return TimedOut(timeout);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Channel {Channel} failed", channel.Name);
            return new DeliveryResult(DeliveryOutcome.Retry, exception.GetType().Name + ": " + exception.Message);
        }
    }

    private static DeliveryResult TimedOut(TimeSpan timeout) =>
        new(DeliveryOutcome.Unknown, $"No answer within {timeout.TotalSeconds:0.#} s: it may have been delivered, so this channel is not used again for it");

    private static string? Trim(string? text) => text?.Length > 1000 ? text[..1000] : text;
}

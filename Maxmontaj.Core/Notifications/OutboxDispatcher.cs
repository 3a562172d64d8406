using Maxmontaj.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Maxmontaj.Core.Notifications;

/// <summary>
/// Delivers due notifications: each recipient's channels in order, a few tries per channel with exponential backoff,
/// the next channel when one gives up or runs out of tries, every attempt logged, and at most one send per channel.
/// </summary>
public sealed class OutboxDispatcher(
    IMaxmontajDbFactory dbFactory,
    IEnumerable<INotificationChannel> channels,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> logger,
    INotificationSecrets secrets)
{
    public const int AttemptsPerChannel = 3;
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(OutboxOptions.DefaultFirstRetrySeconds);

    /// <summary>Processes the notifications that are due now; returns how many it delivered.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        List<long> due;
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            due = await db.Notifications.Where(n => n.Status == NotificationStatus.Pending && n.NextAttemptAt <= now)
                .OrderBy(n => n.NextAttemptAt).Select(n => n.Id).Take(100).ToListAsync(cancellationToken);
        }

        var delivered = 0;
        foreach (var id in due)
        {
            if (await DeliverAsync(id, cancellationToken))
            {
                delivered++;
            }
        }

        return delivered;
    }

    private async Task<bool> DeliverAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var notification = await db.Notifications.SingleAsync(n => n.Id == id, cancellationToken);
        var recipient = await db.Users.Where(u => u.Id == notification.UserId)
            .Select(u => new { Recipient = new NotificationRecipient(u.Id, u.FullName, u.Email, u.PhoneNumber, u.TelegramChatId), u.NotificationChannels, u.IsActive, u.MutedKinds })
            .SingleOrDefaultAsync(cancellationToken);
        if (recipient?.MutedKinds?.Split(',').Contains(notification.Kind) == true && NotificationTexts.Optional.Contains(notification.Kind))
        {
            notification.Status = NotificationStatus.Discarded;
            notification.LastError = "Switched off by the recipient";
            await db.SaveChangesAsync(cancellationToken);
            return false;
        }

        var order = recipient is null || !recipient.IsActive ? [] : Order(recipient.NotificationChannels);
        if (notification.DirectAddress?.Split(':', 2) is [var direct, var address])
        {
            // An applicant without an account, a bot reply or a channel test: exactly that channel and address.
            recipient = new { Recipient = new NotificationRecipient(Guid.Empty, "", direct == "Email" ? address : null, direct == "WhatsApp" ? "+" + address.TrimStart('+') : null,
                direct == "Telegram" && long.TryParse(address, out var chat) ? chat : null), NotificationChannels = direct, IsActive = true, MutedKinds = (string?)null };
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
            if (!channel.CanReach(recipient!.Recipient))
            {
                NextChannel(notification);
                continue;
            }

            var claim = await db.NotificationSends.SingleOrDefaultAsync(s => s.NotificationId == id && s.Channel == channel.Name, cancellationToken);
            if (claim is { Succeeded: not false })
            {
                // Sent, or maybe sent before a stop: never again through this channel.
                NextChannel(notification);
                continue;
            }

            if (claim is null)
            {
                claim = new NotificationSend { NotificationId = id, Channel = channel.Name, ClaimedAt = time.GetUtcNow() };
                db.NotificationSends.Add(claim);
            }
            else
            {
                claim.Succeeded = null;
                claim.ClaimedAt = time.GetUtcNow();
            }

            await db.SaveChangesAsync(cancellationToken);
            var result = await SendAsync(channel, recipient.Recipient, text!, cancellationToken);
            var now = time.GetUtcNow();
            claim.Succeeded = result.Outcome == DeliveryOutcome.Sent;
            db.NotificationAttempts.Add(new NotificationAttempt
            {
                NotificationId = id, Channel = channel.Name, At = now, Succeeded = claim.Succeeded.Value, Error = Trim(result.Error),
                ProviderMessageId = result.ProviderMessageId,
            });

            if (result.Outcome == DeliveryOutcome.Sent)
            {
                notification.Status = NotificationStatus.Delivered;
                notification.SentAt = now;
                notification.DeliveredVia = channel.Name;
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }

            notification.LastError = Trim($"{channel.Name}: {result.Error}");
            notification.AttemptsOnChannel++;
            if (result.Outcome == DeliveryOutcome.Retry && notification.AttemptsOnChannel < AttemptsPerChannel)
            {
                notification.NextAttemptAt = now + TimeSpan.FromSeconds(options.Value.FirstRetrySeconds) * Math.Pow(2, notification.AttemptsOnChannel - 1);
                await db.SaveChangesAsync(cancellationToken);
                return false;
            }

            NextChannel(notification);
            await db.SaveChangesAsync(cancellationToken);
        }

        notification.Status = NotificationStatus.Failed;
        notification.LastError ??= "No channel can reach the recipient";
        await db.SaveChangesAsync(cancellationToken);
        logger.LogWarning("Notification {NotificationId} for {UserId} could not be delivered: {Error}", id, notification.UserId, notification.LastError);
        return false;
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

    private async Task<DeliveryResult> SendAsync(INotificationChannel channel, NotificationRecipient recipient, string text, CancellationToken cancellationToken)
    {
        try
        {
            return await channel.SendAsync(recipient, text, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Channel {Channel} failed", channel.Name);
            return new DeliveryResult(DeliveryOutcome.Retry, exception.GetType().Name + ": " + exception.Message);
        }
    }

    private static string? Trim(string? text) => text?.Length > 1000 ? text[..1000] : text;
}

/// <summary>The "Notifications" section: how long the first retry on a channel waits (it doubles after each failure).</summary>
public sealed class OutboxOptions
{
    public const int DefaultFirstRetrySeconds = 30;

    public int FirstRetrySeconds { get; set; } = DefaultFirstRetrySeconds;
}

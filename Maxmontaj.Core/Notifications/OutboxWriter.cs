using System.Threading.Channels;
using Maxmontaj.Core.Common;

namespace Maxmontaj.Core.Notifications;

/// <summary>
/// Group commit for the outbox: lanes hand over their claims and outcomes, and one loop saves everything waiting in one
/// transaction, then releases the lanes. Under load a few hundred claims or outcomes share a commit; alone, a write costs one.
/// A lane waits for its write before sending (a claim is committed before its send, ADR 0009) and before its next message.
/// </summary>
internal sealed class OutboxWriter : IAsyncDisposable
{
    private readonly Channel<Write> _queue = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IMaxmontajDbFactory _dbFactory;
    private readonly CancellationToken _cancellationToken;
    private readonly Task _loop;

    public OutboxWriter(IMaxmontajDbFactory dbFactory, CancellationToken cancellationToken)
    {
        _dbFactory = dbFactory;
        _cancellationToken = cancellationToken;
        _loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    /// <summary>Saves the notification's delivery state, with a claim (new or updated) and an attempt when given.</summary>
    public Task SaveAsync(Notification notification, NotificationSend? claim = null, bool newClaim = false, NotificationAttempt? attempt = null)
    {
        var write = new Write(notification, claim, newClaim, attempt);
        if (!_queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(OutboxWriter));
        }

        return write.Done.Task;
    }

    private async Task LoopAsync()
    {
        var batch = new List<Write>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_cancellationToken))
            {
                batch.Clear();
                while (_queue.Reader.TryRead(out var write))
                {
                    batch.Add(write);
                }

                try
                {
                    await SaveAsync(batch);
                    batch.ForEach(w => w.Done.TrySetResult());
                }
                catch (Exception) when (batch.Count > 1 && !_cancellationToken.IsCancellationRequested)
                {
                    // One bad write must not fail its neighbours: each is saved on its own.
                    foreach (var write in batch)
                    {
                        try
                        {
                            await SaveAsync([write]);
                            write.Done.TrySetResult();
                        }
                        catch (Exception exception)
                        {
                            write.Done.TrySetException(exception);
                        }
                    }
                }
                catch (Exception exception)
                {
                    batch.ForEach(w => w.Done.TrySetException(exception));
                }
            }
        }
        catch (OperationCanceledException)
        {
            batch.ForEach(w => w.Done.TrySetCanceled());
            while (_queue.Reader.TryRead(out var left))
            {
                left.Done.TrySetCanceled();
            }
        }
    }

    private async Task SaveAsync(List<Write> batch)
    {
        await using var db = await _dbFactory.CreateAsync(_cancellationToken);
        foreach (var write in batch)
        {
            var entry = db.Notifications.Attach(write.Notification);
            entry.Property(n => n.Status).IsModified = true;
            entry.Property(n => n.NextAttemptAt).IsModified = true;
            entry.Property(n => n.ChannelIndex).IsModified = true;
            entry.Property(n => n.AttemptsOnChannel).IsModified = true;
            entry.Property(n => n.DeliveredVia).IsModified = true;
            entry.Property(n => n.LastError).IsModified = true;
            entry.Property(n => n.SentAt).IsModified = true;
            if (write.Claim is { } claim)
            {
                if (write.NewClaim)
                {
                    db.NotificationSends.Add(claim);
                }
                else
                {
                    db.NotificationSends.Update(claim);
                }
            }

            if (write.Attempt is { } attempt)
            {
                db.NotificationAttempts.Add(attempt);
            }
        }

        await db.SaveChangesAsync(_cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private sealed record Write(Notification Notification, NotificationSend? Claim, bool NewClaim, NotificationAttempt? Attempt)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

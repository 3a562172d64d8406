namespace Maxmontaj.Core.Notifications;

/// <summary>
/// Wakes the outbox worker when a commit has queued something. Data's save interceptor calls <see cref="Notify"/> after a
/// commit that added a notification (or put one back in the queue), so no service has to remember to.
/// </summary>
public interface IOutboxSignal
{
    /// <summary>Something was queued and committed.</summary>
    void Notify();

    /// <summary>A task that completes at the next <see cref="Notify"/> after this call (take it before reading the queue).</summary>
    Task WhenNotified();
}

/// <summary>The in-process signal: each <see cref="Notify"/> completes the waiters' task and arms a new one.</summary>
public sealed class OutboxSignal : IOutboxSignal
{
    private TaskCompletionSource _next = New();

    public void Notify() => Interlocked.Exchange(ref _next, New()).TrySetResult();

    public Task WhenNotified() => Volatile.Read(ref _next).Task;

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

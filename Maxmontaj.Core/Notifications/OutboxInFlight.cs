using System.Collections.Concurrent;

namespace Maxmontaj.Core.Notifications;

/// <summary>
/// The notifications being delivered in this process, shared by the worker and one-off passes
/// (<see cref="OutboxDispatcher.DispatchDueAsync"/>): neither picks up what the other has under way, and a one-off pass waits
/// for what was under way when it started, so after it returns everything then due has been dealt with.
/// </summary>
public sealed class OutboxInFlight
{
    private readonly ConcurrentDictionary<long, Task> _deliveries = new();

    public ICollection<long> Ids => _deliveries.Keys;

    /// <summary>Completes when the deliveries under way now have ended.</summary>
    public Task UnderWay() => Task.WhenAll(_deliveries.Values.Distinct());

    public bool TryAdd(long id, Task done) => _deliveries.TryAdd(id, done);

    /// <summary>The delivery that has this notification under way, if any.</summary>
    public Task? Of(long id) => _deliveries.GetValueOrDefault(id);

    public void Remove(IEnumerable<long> ids)
    {
        foreach (var id in ids)
        {
            _deliveries.TryRemove(id, out _);
        }
    }
}

using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Maxmontaj.Core.Live;

/// <summary>
/// The single-instance hub: per-topic subscriptions, each handler called on the thread pool and isolated from the others,
/// so a slow or throwing screen never holds up the publisher or another screen.
/// </summary>
public sealed class InProcessLiveEvents(ILogger<InProcessLiveEvents> logger) : ILiveEvents
{
    private readonly ConcurrentDictionary<string, ImmutableList<Subscription>> _topics = new();

    /// <summary>How many subscriptions are open, for tests and diagnostics.</summary>
    public int SubscriptionCount => _topics.Values.Sum(s => s.Count);

    public void Publish(LiveEvent liveEvent, params string[] topics)
    {
        if (liveEvent.PublishedAt == 0)
        {
            liveEvent = liveEvent with { PublishedAt = System.Diagnostics.Stopwatch.GetTimestamp() };
        }

        var delivered = new HashSet<Subscription>();
        foreach (var topic in topics.Distinct())
        {
            if (!_topics.TryGetValue(topic, out var subscriptions))
            {
                continue;
            }

            foreach (var subscription in subscriptions.Where(delivered.Add))
            {
                _ = DeliverAsync(subscription, liveEvent);
            }
        }
    }

    public IDisposable Subscribe(string topic, Func<LiveEvent, Task> handler)
    {
        var subscription = new Subscription(this, topic, handler);
        _topics.AddOrUpdate(topic, _ => [subscription], (_, list) => list.Add(subscription));
        return subscription;
    }

    private async Task DeliverAsync(Subscription subscription, LiveEvent liveEvent)
    {
        try
        {
            await Task.Yield();
            await subscription.Handler(liveEvent);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "A live-event subscriber of {Topic} failed on {Kind} {OrderId}",
                subscription.Topic, liveEvent.Kind, liveEvent.OrderId);
        }
    }

    private void Remove(Subscription subscription)
    {
        while (_topics.TryGetValue(subscription.Topic, out var list))
        {
            var updated = list.Remove(subscription);
            var done = updated.IsEmpty
                ? _topics.TryRemove(new KeyValuePair<string, ImmutableList<Subscription>>(subscription.Topic, list))
                : _topics.TryUpdate(subscription.Topic, updated, list);
            if (done)
            {
                return;
            }
        }
    }

    private sealed class Subscription(InProcessLiveEvents hub, string topic, Func<LiveEvent, Task> handler) : IDisposable
    {
        private int _disposed;

        public string Topic { get; } = topic;

        public Func<LiveEvent, Task> Handler { get; } = handler;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                hub.Remove(this);
            }
        }
    }
}

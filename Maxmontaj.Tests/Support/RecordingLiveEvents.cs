using System.Collections.Concurrent;
using Maxmontaj.Core.Live;

namespace Maxmontaj.Tests.Support;

/// <summary>The app's own hub with a record of every subscription asked for, by topic, to see when screens start following.</summary>
public sealed class RecordingLiveEvents(InProcessLiveEvents hub) : ILiveEvents
{
    private readonly ConcurrentQueue<string> _subscribed = new();

    public InProcessLiveEvents Hub => hub;

    /// <summary>The topics subscribed to since the last <see cref="Clear"/>, in order.</summary>
    public IReadOnlyList<string> Subscribed => [.. _subscribed];

    public void Clear() => _subscribed.Clear();

    public void Publish(LiveEvent liveEvent, params string[] topics) => hub.Publish(liveEvent, topics);

    public IDisposable Subscribe(string topic, Func<LiveEvent, Task> handler)
    {
        _subscribed.Enqueue(topic);
        return hub.Subscribe(topic, handler);
    }
}

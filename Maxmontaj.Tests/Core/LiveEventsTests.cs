using Maxmontaj.Core.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace Maxmontaj.Tests.Core;

public sealed class LiveEventsTests
{
    private readonly InProcessLiveEvents _hub = new(NullLogger<InProcessLiveEvents>.Instance);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_subscriber_receives_events_of_its_topic_only()
    {
        var received = new TaskCompletionSource<LiveEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var other = 0;
        using var mine = _hub.Subscribe(LiveTopics.AllOrders, e => { received.TrySetResult(e); return Task.CompletedTask; });
        using var theirs = _hub.Subscribe(LiveTopics.Person(Guid.NewGuid()), _ => { Interlocked.Increment(ref other); return Task.CompletedTask; });
        var orderId = Guid.NewGuid();

        _hub.Publish(new LiveEvent(LiveEventKind.OrderCreated, orderId), LiveTopics.AllOrders);

        Assert.Equal(orderId, (await received.Task.WaitAsync(Wait)).OrderId);
        Assert.Equal(0, other);
    }

    [Fact]
    public async Task A_subscriber_on_several_published_topics_gets_the_event_once()
    {
        var count = 0;
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = _hub.Subscribe("t", _ => { Interlocked.Increment(ref count); signal.TrySetResult(); return Task.CompletedTask; });

        _hub.Publish(new LiveEvent(LiveEventKind.OrderChanged, Guid.NewGuid()), "t", "t");
        await signal.Task.WaitAsync(Wait);
        await Task.Delay(100);

        Assert.Equal(1, count);
    }

    [Fact]
    public async Task Disposing_unsubscribes_and_leaves_no_subscription_behind()
    {
        var calls = 0;
        var subscriptions = Enumerable.Range(0, 10)
            .Select(i => _hub.Subscribe(i % 2 == 0 ? "a" : LiveTopics.Order(Guid.NewGuid()), _ => { Interlocked.Increment(ref calls); return Task.CompletedTask; }))
            .ToList();
        Assert.Equal(10, _hub.SubscriptionCount);

        subscriptions.ForEach(s => s.Dispose());
        subscriptions[0].Dispose();
        _hub.Publish(new LiveEvent(LiveEventKind.OrderChanged, Guid.NewGuid()), "a");
        await Task.Delay(100);

        Assert.Equal(0, _hub.SubscriptionCount);
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task A_throwing_subscriber_does_not_stop_the_others_or_the_publisher()
    {
        var healthy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var broken = _hub.Subscribe("t", _ => throw new InvalidOperationException("boom"));
        using var brokenAsync = _hub.Subscribe("t", async _ => { await Task.Yield(); throw new InvalidOperationException("boom"); });
        using var fine = _hub.Subscribe("t", _ => { healthy.TrySetResult(); return Task.CompletedTask; });

        var publish = Record.Exception(() => _hub.Publish(new LiveEvent(LiveEventKind.OrderChanged, Guid.NewGuid()), "t"));

        Assert.Null(publish);
        await healthy.Task.WaitAsync(Wait);
    }

    [Fact]
    public async Task A_blocked_subscriber_does_not_hold_up_the_publisher()
    {
        using var gate = new ManualResetEventSlim();
        using var blocked = _hub.Subscribe("t", _ => { gate.Wait(); return Task.CompletedTask; });

        // Publish would never return if it waited for the subscriber, which waits for the gate opened only afterwards.
        var publish = Task.Run(() => _hub.Publish(new LiveEvent(LiveEventKind.OrderChanged, Guid.NewGuid()), "t"));
        var finished = await Task.WhenAny(publish, Task.Delay(Wait)) == publish;
        gate.Set();

        Assert.True(finished);
    }
}

using Maxmontaj.Core.Live;
using Microsoft.AspNetCore.Components;

namespace Maxmontaj.Web.Components.Shared;

/// <summary>
/// A component that re-reads what it shows when a live event arrives (eShop's OrderStatusNotificationService pattern):
/// the event only says which order changed; the reload goes through the services, so access rules apply.
/// Bursts of events coalesce into one reload; a failed reload keeps the data shown, tells the user and is logged (the circuit
/// lives on); subscriptions end with the component.
/// Subscriptions open only after the first interactive render: a prerender (which never runs OnAfterRender) follows nothing,
/// and the page's data is read once, in the circuit (ADR 0013).
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    private readonly List<string> _topics = [];
    private bool _interactive;
    private int _reloadQueued;
    private DateTimeOffset _lastReload = DateTimeOffset.MinValue;

    [Inject]
    private ILiveEvents LiveEvents { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private Errors.UiActions LiveActions { get; set; } = default!;

    /// <summary>The least time between two live reloads of this screen; heavy screens (analytics) raise it.</summary>
    protected virtual TimeSpan MinimumReloadInterval => TimeSpan.Zero;

    /// <summary>Re-reads the data shown; called on the renderer's thread after a live event.</summary>
    protected abstract Task ReloadAsync();

    /// <summary>Follows <paramref name="topic"/>: at once when the component has rendered interactively, else after that render.</summary>
    protected void Subscribe(string topic)
    {
        _topics.Add(topic);
        if (_interactive)
        {
            _subscriptions.Add(LiveEvents.Subscribe(topic, OnLiveEventAsync));
        }
    }

    protected void Unsubscribe()
    {
        _topics.Clear();
        _subscriptions.ForEach(s => s.Dispose());
        _subscriptions.Clear();
    }

    /// <summary>Opens the subscriptions asked for so far; runs only in an interactive circuit, never in a prerender.</summary>
    protected override Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && !_interactive)
        {
            _interactive = true;
            _subscriptions.AddRange(_topics.Select(topic => LiveEvents.Subscribe(topic, OnLiveEventAsync)));
        }

        return Task.CompletedTask;
    }

    /// <summary>Called on the thread pool for each event; by default queues one coalesced, throttled reload.</summary>
    protected virtual async Task OnLiveEventAsync(LiveEvent liveEvent)
    {
        if (Interlocked.Exchange(ref _reloadQueued, 1) == 1)
        {
            return;
        }

        var wait = _lastReload + MinimumReloadInterval - Clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, Clock);
        }

        await RunOnRendererAsync(async () =>
        {
            Interlocked.Exchange(ref _reloadQueued, 0);
            _lastReload = Clock.GetUtcNow();
            await ReloadAsync();
        });
        LiveMetrics.Rendered(liveEvent, GetType().Name);
    }

    /// <summary>Re-reads after the user's own action; a failure is shown and logged, and the page keeps its data.</summary>
    protected Task RefreshAsync() => LiveActions.RunAsync(ReloadAsync);

    /// <summary>Runs <paramref name="work"/> on the renderer's thread and re-renders; a failure becomes a message, not a lost circuit.</summary>
    protected Task RunOnRendererAsync(Func<Task> work) =>
        InvokeAsync(async () =>
        {
            await LiveActions.RunAsync(work);
            StateHasChanged();
        });

    public virtual void Dispose()
    {
        Unsubscribe();
        GC.SuppressFinalize(this);
    }
}

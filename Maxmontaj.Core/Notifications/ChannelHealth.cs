using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Core.Notifications;

public enum BreakerState
{
    /// <summary>The channel is used.</summary>
    Closed,

    /// <summary>The channel failed for everyone recently (or asked us to wait): it is skipped until <see cref="BreakerView.RetryAt"/>.</summary>
    Open,

    /// <summary>The cool-down is over: one probe send is under way; its result closes or reopens the breaker.</summary>
    HalfOpen,
}

/// <summary>A channel's breaker as the admin page shows it.</summary>
public sealed record BreakerView(string Channel, BreakerState State, DateTimeOffset? Since, DateTimeOffset? RetryAt, string? LastError, int FailuresInARow);

/// <summary>What the breaker says about a send through a channel now.</summary>
public readonly record struct BreakerPass(bool Allowed, bool Probe, DateTimeOffset RetryAt);

/// <summary>
/// In-memory health of each channel for this process: a circuit breaker per channel (open after
/// <see cref="OutboxOptions.BreakerFailures"/> failed sends in a row across recipients, or for a 429's retry-after; one probe
/// after <see cref="OutboxOptions.BreakerSeconds"/>), the concurrent-send slots per channel, and a short memory of which
/// recipient a channel just failed for, so that person's next messages go straight to their next channel.
/// </summary>
public sealed class ChannelHealth
{
    private readonly ConcurrentDictionary<string, Breaker> _breakers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _slots = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<(string Channel, string Recipient), DateTimeOffset> _failedFor = new();
    private readonly TimeProvider _time;
    private readonly OutboxOptions _options;

    public ChannelHealth(TimeProvider time, IOptions<OutboxOptions> options, OutboxMetrics metrics)
    {
        _time = time;
        _options = options.Value;
        metrics.ObserveBreakers(() => _breakers.Select(b => (b.Key, (int)b.Value.View(b.Key).State)));
    }

    /// <summary>The breakers of the channels used so far, and closed ones for the rest of <paramref name="channels"/>.</summary>
    public IReadOnlyList<BreakerView> Breakers(IEnumerable<string> channels) =>
        channels.Select(c => _breakers.TryGetValue(c, out var breaker) ? breaker.View(c) : new BreakerView(c, BreakerState.Closed, null, null, null, 0)).ToList();

    /// <summary>The channel's concurrent-send slots.</summary>
    public SemaphoreSlim Slots(string channel) => _slots.GetOrAdd(channel, c => new SemaphoreSlim(_options.ConcurrencyOf(c)));

    /// <summary>True while the breaker is open and not yet due for its probe: skip the channel without waiting for a slot.</summary>
    public bool IsOpen(string channel, out DateTimeOffset retryAt)
    {
        retryAt = default;
        return _breakers.TryGetValue(channel, out var breaker) && breaker.IsOpen(_time.GetUtcNow(), out retryAt);
    }

    /// <summary>Asks to send through a channel now; a half-open breaker lets exactly one probe through.</summary>
    public BreakerPass TryPass(string channel) => For(channel).TryPass(_time.GetUtcNow(), _options);

    /// <summary>The channel accepted a send, or answered about this recipient only (blocked bot, closed window): it works.</summary>
    public void Succeeded(string channel) => For(channel).Succeeded(_time.GetUtcNow());

    /// <summary>
    /// A send failed or timed out; <paramref name="retryAfter"/> is the channel's own "wait" (429), which opens the breaker for
    /// that long for everyone (and is not held against the recipient: they may wait for it).
    /// </summary>
    public void Failed(string channel, string recipient, string? error, TimeSpan? retryAfter = null)
    {
        For(channel).Failed(_time.GetUtcNow(), error, retryAfter, _options);
        if (retryAfter is null)
        {
            FailedFor(channel, recipient);
        }
    }

    /// <summary>A probe that ended without an outcome (the app is stopping): the next send may probe.</summary>
    public void Abandoned(string channel, bool probe)
    {
        if (probe)
        {
            For(channel).Abandoned();
        }
    }

    /// <summary>The channel could not deliver to this recipient: their next messages skip it for a while (their order is kept).</summary>
    public void FailedFor(string channel, string recipient)
    {
        if (_failedFor.Count > 10_000)
        {
            var now = _time.GetUtcNow();
            foreach (var expired in _failedFor.Where(f => f.Value <= now).Select(f => f.Key).ToList())
            {
                _failedFor.TryRemove(expired, out _);
            }
        }

        _failedFor[(channel, recipient)] = _time.GetUtcNow() + TimeSpan.FromSeconds(_options.BreakerSeconds);
    }

    /// <summary>True when the channel failed for this recipient within the last <see cref="OutboxOptions.BreakerSeconds"/>.</summary>
    public bool RecentlyFailedFor(string channel, string recipient) =>
        _failedFor.TryGetValue((channel, recipient), out var until) && until > _time.GetUtcNow();

    private Breaker For(string channel) => _breakers.GetOrAdd(channel, _ => new Breaker());

    private sealed class Breaker
    {
        private readonly Lock _lock = new();
        private BreakerState _state;
        private DateTimeOffset? _since;
        private DateTimeOffset _openUntil;
        private bool _probing;
        private int _failures;
        private string? _lastError;

        public BreakerView View(string channel)
        {
            lock (_lock)
            {
                return new BreakerView(channel, _state, _since, _state == BreakerState.Closed ? null : _openUntil, _lastError, _failures);
            }
        }

        public bool IsOpen(DateTimeOffset now, out DateTimeOffset retryAt)
        {
            lock (_lock)
            {
                retryAt = _openUntil;
                return (_state == BreakerState.Open && now < _openUntil) || (_state == BreakerState.HalfOpen && _probing);
            }
        }

        public BreakerPass TryPass(DateTimeOffset now, OutboxOptions options)
        {
            lock (_lock)
            {
                switch (_state)
                {
                    case BreakerState.Closed:
                        return new BreakerPass(true, false, now);
                    case BreakerState.Open when now < _openUntil:
                        return new BreakerPass(false, false, _openUntil);
                    case BreakerState.HalfOpen when _probing:
                        // The probe is under way: look again once it must have ended.
                        return new BreakerPass(false, false, now + options.SendTimeout);
                    default:
                        (_state, _since, _probing) = (BreakerState.HalfOpen, now, true);
                        return new BreakerPass(true, true, now);
                }
            }
        }

        public void Succeeded(DateTimeOffset now)
        {
            lock (_lock)
            {
                _failures = 0;
                _probing = false;
                if (_state != BreakerState.Closed)
                {
                    (_state, _since) = (BreakerState.Closed, now);
                }
            }
        }

        public void Failed(DateTimeOffset now, string? error, TimeSpan? retryAfter, OutboxOptions options)
        {
            lock (_lock)
            {
                _failures++;
                _lastError = error;
                var wasProbe = _state == BreakerState.HalfOpen;
                _probing = false;
                if (wasProbe || retryAfter is not null || _failures >= options.BreakerFailures)
                {
                    var until = now + (retryAfter ?? TimeSpan.FromSeconds(options.BreakerSeconds));
                    if (_state != BreakerState.Open)
                    {
                        (_state, _since) = (BreakerState.Open, now);
                    }

                    _openUntil = until > _openUntil ? until : _openUntil;
                }
            }
        }

        public void Abandoned()
        {
            lock (_lock)
            {
                _probing = false;
            }
        }
    }
}

/// <summary>
/// The meter "Maxmontaj.Notifications": sends accepted and failed per channel (tag <c>channel</c>; failures also tagged
/// <c>reason</c>), the time from queueing to delivery, and each channel's breaker state (0 closed, 1 open, 2 half-open).
/// </summary>
public sealed class OutboxMetrics
{
    public const string MeterName = "Maxmontaj.Notifications";

    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _latency;
    private Func<IEnumerable<(string Channel, int State)>> _breakers = () => [];

    public OutboxMetrics(IMeterFactory? meters = null)
    {
        Meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _sent = Meter.CreateCounter<long>("maxmontaj.notifications.sent", "{message}", "Messages a channel accepted");
        _failed = Meter.CreateCounter<long>("maxmontaj.notifications.failed", "{message}", "Sends that failed, timed out or were refused");
        _latency = Meter.CreateHistogram<double>("maxmontaj.notifications.delivery.duration", "s", "From queueing to the channel accepting the message");
        Meter.CreateObservableGauge("maxmontaj.notifications.breaker.state",
            () => _breakers().Select(b => new Measurement<int>(b.State, new KeyValuePair<string, object?>("channel", b.Channel))),
            description: "0 closed, 1 open, 2 half-open");
    }

    public Meter Meter { get; }

    public void Sent(string channel, TimeSpan sinceQueued)
    {
        _sent.Add(1, new KeyValuePair<string, object?>("channel", channel));
        _latency.Record(Math.Max(0, sinceQueued.TotalSeconds), new KeyValuePair<string, object?>("channel", channel));
    }

    public void Failed(string channel, string reason) =>
        _failed.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("reason", reason));

    internal void ObserveBreakers(Func<IEnumerable<(string Channel, int State)>> breakers) => _breakers = breakers;
}

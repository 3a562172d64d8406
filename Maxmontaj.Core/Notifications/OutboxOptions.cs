namespace Maxmontaj.Core.Notifications;

/// <summary>The "Notifications" section: how the outbox paces, bounds and times its sends (README lists each setting).</summary>
public sealed class OutboxOptions
{
    public const int DefaultFirstRetrySeconds = 30;

    /// <summary>False: this process queues notifications but does not deliver them (another process does, or a test arranges rows).</summary>
    public bool Deliver { get; set; } = true;

    /// <summary>How long the first retry on the last usable channel waits (it doubles after each failure).</summary>
    public int FirstRetrySeconds { get; set; } = DefaultFirstRetrySeconds;

    /// <summary>The longest the worker sleeps when nothing is due and nothing is committed (commits wake it at once).</summary>
    public int PollSeconds { get; set; } = 5;

    /// <summary>How long one send may take before the outbox gives up on it; its outcome is then unknown (ADR 0009).</summary>
    public double SendTimeoutSeconds { get; set; } = 6;

    /// <summary>A notification should reach some channel within this long of being queued: a wait (429) longer than that moves it on.</summary>
    public int FailoverTargetSeconds { get; set; } = 30;

    /// <summary>How many notifications are read from the queue at once.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How many recipients' deliveries may be under way at once (each recipient's messages go one after another).</summary>
    public int MaxInFlight { get; set; } = 256;

    /// <summary>Concurrent sends per channel, so a slow channel holds only its own slots; a channel not listed gets 8.</summary>
    public Dictionary<string, int> Concurrency { get; set; } = new(StringComparer.OrdinalIgnoreCase) { ["Telegram"] = 16, ["WhatsApp"] = 16, ["Email"] = 4 };

    /// <summary>The circuit breaker opens after this many failed sends in a row on a channel, whoever they were for.</summary>
    public int BreakerFailures { get; set; } = 5;

    /// <summary>How long an open breaker skips its channel before one probe send is let through.</summary>
    public int BreakerSeconds { get; set; } = 30;

    public TimeSpan SendTimeout => TimeSpan.FromSeconds(SendTimeoutSeconds);

    public int ConcurrencyOf(string channel) => Math.Max(1, Concurrency.GetValueOrDefault(channel, 8));
}

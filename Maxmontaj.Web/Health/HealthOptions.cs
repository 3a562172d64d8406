namespace Maxmontaj.Web.Health;

/// <summary>The "Health" section: who may read the probes and metrics, and the thresholds of the readiness checks.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>
    /// Networks besides loopback allowed to read /health/* and /metrics, in CIDR form ("10.0.0.0/8", "192.168.1.5/32"),
    /// matched against the client address after the forwarded-headers middleware. Empty: loopback only.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>How long the database check waits before it calls the database unreachable.</summary>
    public TimeSpan DatabaseTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Past this, a due notification still waiting makes the outbox check Degraded.</summary>
    public TimeSpan OutboxLagThreshold { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the outbox-age gauge of /metrics is sampled from the database (never per scrape).</summary>
    public TimeSpan OutboxSampleInterval { get; set; } = TimeSpan.FromSeconds(15);
}

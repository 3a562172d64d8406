namespace Maxmontaj.Web.Errors;

/// <summary>The circuit of the current scope, for log entries written outside an inbound activity (live reloads, disposal).</summary>
public sealed class CircuitInfo
{
    public string? Id { get; internal set; }
}

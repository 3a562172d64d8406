namespace Maxmontaj.Web.Security;

/// <summary><c>Sessions:*</c> settings: how long a sign-in lasts and how soon an ended session is noticed.</summary>
public sealed class SessionOptions
{
    /// <summary>Idle time after which the cookie expires (it slides while in use).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>From sign-in, whatever the sliding: then the person signs in again.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often a request's cookie is checked against the account (stamp, active) in the database.</summary>
    public TimeSpan StampValidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often an open page (circuit) re-checks its user; sign-out in this app also drops them at once.</summary>
    public TimeSpan CircuitRevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);
}

namespace Maxmontaj.Web.Security;

/// <summary>Limits per policy (<c>RateLimits:*</c>): so many requests per window, per client address and per account.</summary>
public sealed class RateLimitOptions
{
    public RateLimitRule SignIn { get; set; } = new(20, TimeSpan.FromMinutes(1));

    /// <summary>Per account and source address: a guesser is stopped without a global per-account count that would deny the owner.</summary>
    public RateLimitRule SignInPerAccount { get; set; } = new(10, TimeSpan.FromMinutes(15));

    public RateLimitRule SignUp { get; set; } = new(10, TimeSpan.FromHours(1));

    public RateLimitRule SignUpPerAccount { get; set; } = new(5, TimeSpan.FromHours(1));

    public RateLimitRule PasswordReset { get; set; } = new(10, TimeSpan.FromMinutes(15));

    public RateLimitRule PasswordResetPerAccount { get; set; } = new(3, TimeSpan.FromMinutes(15));

    public RateLimitRule StatusLink { get; set; } = new(60, TimeSpan.FromMinutes(1));

    public RateLimitRule Webhook { get; set; } = new(600, TimeSpan.FromMinutes(1));

    public RateLimitRule ForAddress(string policy) => policy switch
    {
        RateLimitPolicies.SignIn => SignIn,
        RateLimitPolicies.SignUp => SignUp,
        RateLimitPolicies.PasswordReset => PasswordReset,
        RateLimitPolicies.StatusLink => StatusLink,
        _ => Webhook,
    };

    public RateLimitRule ForAccount(string policy) => policy switch
    {
        RateLimitPolicies.SignIn => SignInPerAccount,
        RateLimitPolicies.SignUp => SignUpPerAccount,
        _ => PasswordResetPerAccount,
    };
}

public sealed class RateLimitRule
{
    public RateLimitRule()
    {
    }

    public RateLimitRule(int permitLimit, TimeSpan window)
    {
        PermitLimit = permitLimit;
        Window = window;
    }

    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}

namespace Maxmontaj.Web.Security;

/// <summary>
/// The names of the rate-limiting policies. Attach one with <c>[EnableRateLimiting(RateLimitPolicies.X)]</c> on a page or
/// <c>.RequireRateLimiting(RateLimitPolicies.X)</c> on an endpoint. Each limits POSTs per client address; the account policies
/// (<see cref="AccountPolicies"/>) also limit per account, read from the form field named in <see cref="AccountFields"/>.
/// </summary>
public static class RateLimitPolicies
{
    public const string SignIn = "sign-in";
    public const string SignUp = "sign-up";
    public const string PasswordReset = "password-reset";
    /// <summary>Status links (/s/{token}): GETs are limited, since looking is what a token guesser does.</summary>
    public const string StatusLink = "status-link";
    /// <summary>Messenger webhooks: every method, per address, generous.</summary>
    public const string Webhook = "webhook";

    /// <summary>Policies whose form also carries the account, limited per account as well as per address.</summary>
    public static readonly IReadOnlySet<string> AccountPolicies = new HashSet<string> { SignIn, SignUp, PasswordReset };

    /// <summary>Form fields that name the account, first present wins (sign-in's login, sign-up's phone, then email).</summary>
    public static readonly IReadOnlyList<string> AccountFields = ["Input.Login", "Input.Phone", "Input.Email"];
}

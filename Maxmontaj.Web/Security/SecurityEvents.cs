namespace Maxmontaj.Web.Security;

/// <summary>
/// Values of the structured <c>SecurityEvent</c> log property, so that one query finds every security-relevant line.
/// A log line never carries the login a person typed: only the user id when the account exists, else <see cref="AccountKey"/>.
/// </summary>
public static class SecurityEvents
{
    /// <summary>The log category of security events, kept at Information whatever the framework categories are set to.</summary>
    public const string LoggerName = "Maxmontaj.Security";

    public const string SignInSucceeded = "SignInSucceeded";
    public const string SignInFailed = "SignInFailed";
    public const string SourceLocked = "SignInSourceLocked";
    public const string SignOut = "SignOut";
    public const string SignOutEverywhere = "SignOutEverywhere";
    public const string SessionExpired = "SessionExpired";
    public const string RateLimited = "RateLimited";
}

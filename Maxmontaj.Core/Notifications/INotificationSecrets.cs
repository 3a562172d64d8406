using System.Text.RegularExpressions;

namespace Maxmontaj.Core.Notifications;

/// <summary>
/// Keeps credentials (one-time password links) out of stored notification texts: the text keeps a sealed, time-limited
/// reference that only this app's key ring opens, and the outbox dispatcher opens it just before sending.
/// </summary>
public interface INotificationSecrets
{
    /// <summary>Seals a secret for <paramref name="lifetime"/>; the result, marked <c>[[sealed:…]]</c>, goes into the text.</summary>
    string Seal(string secret, TimeSpan lifetime);

    /// <summary>The text as it is sent, every sealed part opened; null when one cannot be opened (expired, or another key ring).</summary>
    string? Open(string text);
}

/// <summary>The mark of a sealed part in a stored text, shared by the sealing implementation and by anyone displaying stored texts.</summary>
public static partial class SealedText
{
    public const string Prefix = "[[sealed:";
    public const string Suffix = "]]";

    /// <summary>Replaces each sealed part: with its opened value, or with null to fail the whole text.</summary>
    public static string? Replace(string text, Func<string, string?> open)
    {
        var failed = false;
        var result = Marker().Replace(text, match =>
        {
            var opened = open(match.Groups[1].Value);
            failed |= opened is null;
            return opened ?? "";
        });
        return failed ? null : result;
    }

    public static bool IsSealed(string text) => Marker().IsMatch(text);

    [GeneratedRegex(@"\[\[sealed:([A-Za-z0-9_-]+)\]\]")]
    private static partial Regex Marker();
}

/// <summary>How long a stored message with a one-time password link may still be sent: as long as Identity's token lives (a day).</summary>
public static class OneTimeLinks
{
    public static readonly TimeSpan SendWindow = TimeSpan.FromDays(1);
}

namespace Maxmontaj.Core.Common;

/// <summary>
/// Absolute addresses for every link that leaves the app (messages, QR codes, invitations): people open them from Telegram,
/// WhatsApp or email, outside the office, so a bare path is never enough. Built from the configured public address.
/// </summary>
public interface IPublicLinks
{
    /// <summary>The page where an invited customer or an approved contractor sets a password with a one-time token.</summary>
    string Invitation(Guid userId, string token);

    /// <summary>The page where someone who forgot their password sets a new one with a one-time token.</summary>
    string PasswordReset(Guid userId, string token);

    /// <summary>The private status page of one order (<c>/s/{token}</c>).</summary>
    string StatusPage(string token);
}

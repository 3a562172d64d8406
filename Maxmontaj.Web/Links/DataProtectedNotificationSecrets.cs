using System.Security.Cryptography;
using Maxmontaj.Core.Notifications;
using Microsoft.AspNetCore.DataProtection;

namespace Maxmontaj.Web.Links;

/// <summary>
/// Seals one-time links in stored notification texts with the app's data-protection keys, for one purpose and a short
/// lifetime: a copy of the database alone does not give the link, and an old row cannot be replayed once it has expired.
/// </summary>
public sealed class DataProtectedNotificationSecrets(IDataProtectionProvider provider) : INotificationSecrets
{
    public const string Purpose = "Maxmontaj.Notifications.SealedLink.v1";

    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    // The protector checks the expiry against the machine clock, so the expiry comes from that clock too, not TimeProvider.
    public string Seal(string secret, TimeSpan lifetime) =>
        SealedText.Prefix + _protector.Protect(secret, DateTimeOffset.UtcNow + lifetime) + SealedText.Suffix;

    public string? Open(string text) => SealedText.Replace(text, sealedPart =>
    {
        try
        {
            return _protector.Unprotect(sealedPart);
        }
        catch (CryptographicException)
        {
            return null;
        }
    });
}

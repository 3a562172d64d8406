using System.Security.Cryptography;
using System.Text;
using Maxmontaj.Core.Users;

namespace Maxmontaj.Web.Security;

/// <summary>
/// What a person typed as a login, normalised as sign-in looks it up (an email in any case, a phone in any format), then
/// hashed: limiters, the sign-in guard and logs key on it without keeping or writing the login itself. The hash is an
/// HMAC under a key made afresh by each process, so a logged key cannot be matched offline against guessed phones or
/// passwords; it is stable only within one process, which is all the limiters, the guard and a log reader correlating
/// one run's attempts need.
/// </summary>
public static class AccountKey
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    public static string For(string? login)
    {
        var text = (login ?? "").Trim();
        var normalised = text.Contains('@') ? text.ToUpperInvariant() : PhoneFormat.Normalize(text) ?? text.ToUpperInvariant();
        return Convert.ToHexString(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(normalised)))[..16];
    }
}

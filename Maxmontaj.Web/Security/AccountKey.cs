using System.Security.Cryptography;
using System.Text;
using Maxmontaj.Core.Users;

namespace Maxmontaj.Web.Security;

/// <summary>
/// What a person typed as a login, normalised as sign-in looks it up (an email in any case, a phone in any format), then
/// hashed: limiters, the sign-in guard and logs key on it without keeping or writing the login itself.
/// </summary>
public static class AccountKey
{
    public static string For(string? login)
    {
        var text = (login ?? "").Trim();
        var normalised = text.Contains('@') ? text.ToUpperInvariant() : PhoneFormat.Normalize(text) ?? text.ToUpperInvariant();
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)))[..16];
    }
}

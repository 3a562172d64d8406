using System.Security.Cryptography;
using System.Text;

namespace Maxmontaj.Core.Common;

/// <summary>Tokens handed out once (status links, account links): 128 random bits, URL-safe, stored only as a SHA-256 hash.</summary>
public static class SecureTokens
{
    /// <summary>A new token: 16 random bytes as base64url (22 characters).</summary>
    public static string New() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>What is stored instead of the token: its SHA-256 as upper-case hex.</summary>
    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

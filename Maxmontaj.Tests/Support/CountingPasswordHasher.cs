using Maxmontaj.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace Maxmontaj.Tests.Support;

/// <summary>Identity's own hasher, counting verifications: how a test sees that a code path did (or skipped) the slow work.</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<ApplicationUser>
{
    private readonly PasswordHasher<ApplicationUser> _inner = new();
    private int _verifications;

    public string HashPassword(ApplicationUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }

    /// <summary>How many passwords were verified while the action ran.</summary>
    public async Task<int> VerificationsDuringAsync(Func<Task> action)
    {
        var before = Volatile.Read(ref _verifications);
        await action();
        return Volatile.Read(ref _verifications) - before;
    }
}

using Maxmontaj.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Users;

/// <summary>Finds the account behind what a person types into the sign-in field: an email or a phone in any common format.</summary>
public sealed class SignInLookup(IMaxmontajDbFactory dbFactory)
{
    public async Task<Guid?> FindUserIdAsync(string? login, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(login) || login.Length > 256)
        {
            return null;
        }

        login = login.Trim();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (login.Contains('@'))
        {
            var email = login.ToUpperInvariant();
            return await db.Users.Where(u => u.NormalizedEmail == email).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
        }

        var phone = PhoneFormat.Normalize(login);
        return phone is null
            ? null
            : await db.Users.Where(u => u.PhoneNumber == phone).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
    }
}

using Maxmontaj.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Registration;

/// <summary>A one-time token that links a Telegram chat to an existing account; only its hash is stored.</summary>
public class AccountLink
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public string TokenHash { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>Existing users link Telegram from their profile: a deep link /start link_TOKEN, valid once for an hour.</summary>
public sealed class TelegramLinkService(IMaxmontajDbFactory dbFactory, ICurrentUser currentUser, TimeProvider time)
{
    public const string Prefix = "link_";
    public static readonly TimeSpan Life = TimeSpan.FromHours(1);

    /// <summary>Returns the deep-link payload ("link_…") for the current user.</summary>
    public async Task<string> CreateAsync(CancellationToken cancellationToken = default)
    {
        var me = currentUser.UserId ?? throw new ForbiddenAccessException();
        var token = SecureTokens.New();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        db.AccountLinks.Add(new AccountLink { Id = Guid.CreateVersion7(), UserId = me, TokenHash = SecureTokens.Hash(token), ExpiresAt = time.GetUtcNow() + Life });
        await db.SaveChangesAsync(cancellationToken);
        return Prefix + token;
    }

    /// <summary>Links the chat when the token is valid and unused; the chat leaves any account it was linked to before.</summary>
    internal async Task<bool> RedeemAsync(IMaxmontajDb db, string token, long chatId, CancellationToken cancellationToken)
    {
        var hash = SecureTokens.Hash(token);
        var link = await db.AccountLinks.SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        var now = time.GetUtcNow();
        if (link is null || link.UsedAt is not null || link.ExpiresAt < now)
        {
            return false;
        }

        foreach (var previous in await db.Users.Where(u => u.TelegramChatId == chatId).ToListAsync(cancellationToken))
        {
            previous.TelegramChatId = null;
        }

        await db.SaveChangesAsync(cancellationToken);
        var user = await db.Users.SingleAsync(u => u.Id == link.UserId, cancellationToken);
        user.TelegramChatId = chatId;
        link.UsedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Customers;

/// <summary>Where a customer's phone stands: the number they hold or claim, and whether they proved it.</summary>
public sealed record PhoneStatus(string? Phone, bool Confirmed, DateTimeOffset? CodeExpiresAt);

/// <summary>A fresh one-time code, shown once to the customer who sends it to the business from their phone.</summary>
public sealed record PhoneCode(string Phone, string Code, DateTimeOffset ExpiresAt);

/// <summary>
/// Proves that a customer owns their phone (Identity's <c>PhoneNumberConfirmed</c>): the customer asks for a 6-digit code, then
/// sends it to the business from that phone through WhatsApp; the webhook's sender number is the proof, the code says which
/// account it is for. Or they open the bot through their profile's deep link and share their own contact in Telegram. Only a hash of the code is kept (in Identity's user tokens, with its expiry and the tries left). An
/// account whose phone is not confirmed never receives orders by phone match (ADR 0019). Whoever confirms a number first owns
/// it: any other account holding or claiming it loses it.
/// </summary>
public sealed partial class PhoneVerificationService(IMaxmontajDbFactory dbFactory, ICurrentUser currentUser, TimeProvider time)
{
    public const string TokenProvider = "PhoneVerification";
    public const string TokenName = "Claim";
    public static readonly TimeSpan CodeLife = TimeSpan.FromMinutes(10);
    public const int MaxTries = 5;

    public async Task<PhoneStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        var me = RequireCustomer();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var user = await db.Users.Where(u => u.Id == me).Select(u => new { u.PhoneNumber, u.PhoneNumberConfirmed }).SingleAsync(cancellationToken);
        var claim = Claim.Parse(await ClaimRowAsync(db, me, cancellationToken));
        var live = claim?.ExpiresAt is { } expires && expires > time.GetUtcNow() && claim.TriesLeft > 0 ? expires : (DateTimeOffset?)null;
        return user.PhoneNumberConfirmed
            ? new PhoneStatus(user.PhoneNumber, true, null)
            : new PhoneStatus(user.PhoneNumber ?? claim?.Phone, false, live);
    }

    /// <summary>A new code for the current customer's phone (held or claimed); the previous code stops working.</summary>
    public async Task<Result<PhoneCode>> StartAsync(CancellationToken cancellationToken = default)
    {
        var me = RequireCustomer();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var user = await db.Users.SingleAsync(u => u.Id == me, cancellationToken);
        var row = await ClaimRowAsync(db, me, cancellationToken);
        if (user.PhoneNumberConfirmed)
        {
            return Result<PhoneCode>.Failure(new Error("Phone.AlreadyConfirmed"));
        }

        if ((user.PhoneNumber ?? Claim.Parse(row)?.Phone) is not { } phone)
        {
            return Result<PhoneCode>.Failure(new Error("Phone.None"));
        }

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("000000", CultureInfo.InvariantCulture);
        var expires = time.GetUtcNow() + CodeLife;
        Store(db, row, me, new Claim(phone, Hash(me, code), expires, MaxTries));
        await db.SaveChangesAsync(cancellationToken);
        return new PhoneCode(phone, code, expires);
    }

    /// <summary>
    /// A message from <paramref name="senderPhone"/> (the messenger vouches for the number). Returns the answer to send back,
    /// or null when the message is not a code for a pending verification of that number (then it goes to the bot as before).
    /// </summary>
    public async Task<string?> ConfirmFromMessengerAsync(string senderPhone, string? text, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await ConfirmCodeAsync(db, time, senderPhone, text, cancellationToken);
    }

    /// <summary>The same, inside the bot's conversation (after its duplicate check), on the conversation's unit of work.</summary>
    internal static async Task<string?> ConfirmCodeAsync(IMaxmontajDb db, TimeProvider time, string senderPhone, string? text, CancellationToken cancellationToken)
    {
        if (PhoneFormat.Normalize(senderPhone) is not { } phone || text is null || CodePattern().Match(text) is not { Success: true } match)
        {
            return null;
        }

        var prefix = phone + "|";
        var rows = await db.UserTokens.Where(t => t.LoginProvider == TokenProvider && t.Name == TokenName && t.Value!.StartsWith(prefix))
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var pending = rows.Select(r => (Row: r, Claim: Claim.Parse(r)!)).Where(p => p.Claim.CodeHash is not null).ToList();
        if (pending.Count == 0)
        {
            return null;
        }

        var winner = pending.FirstOrDefault(p => p.Claim.ExpiresAt > now && p.Claim.TriesLeft > 0
            && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(p.Claim.CodeHash!), Convert.FromHexString(Hash(p.Row.UserId, match.Value))));
        if (winner.Row is null)
        {
            foreach (var (row, claim) in pending)
            {
                // A wrong code spends a try of every code waiting for this number; at zero the code is gone.
                var left = claim.TriesLeft - 1;
                row.Value = (left > 0 ? claim with { TriesLeft = left } : claim with { CodeHash = null, ExpiresAt = null, TriesLeft = 0 }).ToString();
            }

            await db.SaveChangesAsync(cancellationToken);
            return Registration.BotTexts.PhoneCodeWrong;
        }

        await ConfirmAsync(db, winner.Row.UserId, phone, cancellationToken);
        return Registration.BotTexts.PhoneVerified;
    }

    /// <summary>Whether the account linked to this Telegram chat has a phone (held or claimed) that it has not confirmed.</summary>
    internal static async Task<bool> WantsContactAsync(IMaxmontajDb db, long chatId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.TelegramChatId == chatId)
            .Select(u => new { u.Id, u.PhoneNumber, u.PhoneNumberConfirmed }).FirstOrDefaultAsync(cancellationToken);
        return user is { PhoneNumberConfirmed: false }
            && (user.PhoneNumber is not null || Claim.Parse(await ClaimRowAsync(db, user.Id, cancellationToken)) is not null);
    }

    /// <summary>
    /// A contact shared in the Telegram chat linked to <paramref name="userId"/>: when it is the sender's own (Telegram says so)
    /// and its number is the account's phone (held or claimed), the phone is confirmed. Returns the bot's answer.
    /// </summary>
    internal static async Task<string> ConfirmContactAsync(IMaxmontajDb db, Guid userId, string contactPhone, bool isSender, CancellationToken cancellationToken)
    {
        if (!isSender)
        {
            return Registration.BotTexts.NotOwnContact;
        }

        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        var phone = PhoneFormat.Normalize(contactPhone);
        var expected = user.PhoneNumber ?? Claim.Parse(await ClaimRowAsync(db, userId, cancellationToken))?.Phone;
        if (phone is null || phone != expected)
        {
            return Registration.BotTexts.PhoneContactMismatch;
        }

        if (!user.PhoneNumberConfirmed)
        {
            await ConfirmAsync(db, userId, phone, cancellationToken);
        }

        return Registration.BotTexts.PhoneVerified;
    }

    /// <summary>
    /// Records that <paramref name="userId"/> wants <paramref name="phone"/> while another, unconfirmed account holds it (or
    /// that an unconfirmed holder keeps wanting it after losing it): nothing links by the claim until it is confirmed.
    /// </summary>
    internal static async Task ClaimAsync(IMaxmontajDb db, Guid userId, string phone, CancellationToken cancellationToken)
    {
        var row = await ClaimRowAsync(db, userId, cancellationToken);
        if (Claim.Parse(row)?.Phone != phone)
        {
            Store(db, row, userId, new Claim(phone, null, null, 0));
        }
    }

    /// <summary>The phone is confirmed for this account; every other account holding or claiming the number loses it.</summary>
    private static async Task ConfirmAsync(IMaxmontajDb db, Guid userId, string phone, CancellationToken cancellationToken)
    {
        foreach (var other in await db.Users.Where(u => u.PhoneNumber == phone && u.Id != userId).ToListAsync(cancellationToken))
        {
            other.PhoneNumber = null;
            other.PhoneNumberConfirmed = false;
        }

        var prefix = phone + "|";
        db.UserTokens.RemoveRange(await db.UserTokens
            .Where(t => t.LoginProvider == TokenProvider && t.Name == TokenName && (t.UserId == userId || t.Value!.StartsWith(prefix)))
            .ToListAsync(cancellationToken));
        // Freed first: the phone column is unique.
        await db.SaveChangesAsync(cancellationToken);
        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        user.PhoneNumber = phone;
        user.PhoneNumberConfirmed = true;
        await db.SaveChangesAsync(cancellationToken);
    }

    private static Task<IdentityUserToken<Guid>?> ClaimRowAsync(IMaxmontajDb db, Guid userId, CancellationToken cancellationToken) =>
        db.UserTokens.SingleOrDefaultAsync(t => t.UserId == userId && t.LoginProvider == TokenProvider && t.Name == TokenName, cancellationToken);

    private static void Store(IMaxmontajDb db, IdentityUserToken<Guid>? row, Guid userId, Claim claim)
    {
        if (row is null)
        {
            db.UserTokens.Add(new IdentityUserToken<Guid> { UserId = userId, LoginProvider = TokenProvider, Name = TokenName, Value = claim.ToString() });
        }
        else
        {
            row.Value = claim.ToString();
        }
    }

    private static string Hash(Guid userId, string code) => SecureTokens.Hash($"phone:{userId:N}:{code}");

    private Guid RequireCustomer() =>
        currentUser.UserId is { } id && currentUser.IsInRole(Roles.Customer) ? id : throw new ForbiddenAccessException();

    [GeneratedRegex(@"(?<!\d)\d{6}(?!\d)")]
    private static partial Regex CodePattern();

    /// <summary>The stored claim: "phone|code hash|expiry ticks|tries left" (hash and expiry empty when no code is waiting).</summary>
    private sealed record Claim(string Phone, string? CodeHash, DateTimeOffset? ExpiresAt, int TriesLeft)
    {
        public static Claim? Parse(IdentityUserToken<Guid>? row)
        {
            if (row?.Value?.Split('|') is not [var phone, var hash, var ticks, var tries])
            {
                return null;
            }

            return new Claim(phone, hash.Length == 0 ? null : hash,
                long.TryParse(ticks, CultureInfo.InvariantCulture, out var t) ? new DateTimeOffset(t, TimeSpan.Zero) : null,
                int.TryParse(tries, CultureInfo.InvariantCulture, out var n) ? n : 0);
        }

        public override string ToString() =>
            string.Join('|', Phone, CodeHash ?? "", ExpiresAt?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "", TriesLeft.ToString(CultureInfo.InvariantCulture));
    }
}

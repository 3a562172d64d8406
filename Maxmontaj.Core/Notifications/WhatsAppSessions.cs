using Maxmontaj.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Notifications;

/// <summary>Opens (or keeps open) a number's 24-hour window when it writes to us.</summary>
public sealed class WhatsAppSessions(IMaxmontajDbFactory dbFactory, IDbErrors dbErrors, TimeProvider time)
{
    /// <summary>
    /// Insert-or-update by phone, safe when several first messages from one new number arrive at once: the loser of the
    /// insert race breaks the unique phone and updates the winner's row instead.
    /// </summary>
    public async Task TouchAsync(string phone, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await dbFactory.CreateAsync(cancellationToken);
            if (await db.WhatsAppSessions.Where(s => s.Phone == phone).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastInboundAt, now), cancellationToken) > 0)
            {
                return;
            }

            db.WhatsAppSessions.Add(new WhatsAppSession { Phone = phone, LastInboundAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException exception) when (attempt == 0 && dbErrors.IsUniqueViolation(exception))
            {
                // Another message from this number inserted it first: update that row on the next pass.
            }
        }
    }
}

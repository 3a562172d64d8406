using Maxmontaj.Core.Common;
using Maxmontaj.Core.Orders;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Notifications;

/// <summary>Each morning, every executor and specialist with visits that day gets the day's list; once per person per day.</summary>
public sealed class MorningListService(IMaxmontajDbFactory dbFactory, CompanyCalendar calendar, TimeProvider time)
{
    public static readonly TimeOnly SendAt = new(7, 0);

    /// <summary>Queues the lists for <paramref name="day"/>; running it again the same day queues nothing new.</summary>
    public async Task<int> EnqueueAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        var (start, end) = calendar.DayBounds(day);
        var open = new[] { OrderStatus.Scheduled, OrderStatus.Rework };
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var jobs = await (from a in db.OrderAssignments
                          join o in db.Orders on a.OrderId equals o.Id
                          where open.Contains(o.Status) && o.ScheduledStart >= start && o.ScheduledStart < end
                          select new { a.UserId, o.Number, o.ScheduledStart, Address = o.Address.Text })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var queued = 0;
        foreach (var person in jobs.GroupBy(j => j.UserId))
        {
            var key = $"morning:{day:yyyyMMdd}:{person.Key:N}";
            if (await db.Notifications.AnyAsync(n => n.IdempotencyKey == key, cancellationToken))
            {
                continue;
            }

            var list = string.Join("\n", person.OrderBy(j => j.ScheduledStart)
                .Select(j => $"{calendar.ToLocal(j.ScheduledStart!.Value):HH:mm} — {j.Number}, {j.Address}"));
            Outbox.Enqueue(db, person.Key, "morning", null, NotificationTexts.Morning(person.Count(), list), key, now);
            queued++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return queued;
    }
}

using Maxmontaj.Core.Common;
using Maxmontaj.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Core.Quotas;

/// <summary>Per-user daily limits (settings <c>Quotas:*</c>); a day is the company's day (<see cref="CompanyCalendar"/>).</summary>
public sealed class QuotaOptions
{
    /// <summary>Photos one person may send in chats per day.</summary>
    public int ChatPhotosPerDay { get; set; } = 100;

    /// <summary>Portal requests one customer may send per day.</summary>
    public int RequestsPerDay { get; set; } = 10;
}

/// <summary>Counts today's rows of one user against <see cref="QuotaOptions"/>; nothing is stored for it.</summary>
public sealed class QuotaService(IOptions<QuotaOptions> options, CompanyCalendar calendar, TimeProvider time)
{
    public const string ChatPhotosExceeded = "Quota.ChatPhotos";
    public const string RequestsExceeded = "Quota.Requests";

    /// <summary>Null when <paramref name="userId"/> may send <paramref name="adding"/> more chat photos today, else the error.</summary>
    public async Task<Error?> CheckChatPhotosAsync(IMaxmontajDb db, Guid userId, int adding, string? field, CancellationToken cancellationToken)
    {
        var (start, end) = calendar.DayBounds(calendar.Today(time));
        var sent = await db.ChatMessages.CountAsync(m => m.AuthorId == userId && m.PhotoStoredName != null && m.SentAt >= start && m.SentAt < end,
            cancellationToken);
        return sent + adding > options.Value.ChatPhotosPerDay ? new Error(ChatPhotosExceeded, field) : null;
    }

    /// <summary>Null when the customer may send one more portal request today, else the error.</summary>
    public async Task<Error?> CheckRequestsAsync(IMaxmontajDb db, Guid customerId, CancellationToken cancellationToken)
    {
        var today = calendar.DayNumberOf(time.GetUtcNow());
        var sent = await db.Orders.CountAsync(o => o.CustomerId == customerId && o.Source == OrderSource.Portal && o.CreatedDay == today, cancellationToken);
        return sent >= options.Value.RequestsPerDay ? new Error(RequestsExceeded) : null;
    }
}

using Maxmontaj.Core.Chat;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Live;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Reports;
using Maxmontaj.Core.Reviews;
using Maxmontaj.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Customers;

/// <summary>
/// The customer's side: their orders, the status page (also through a private link), reviews and new requests.
/// Views are built from public fields only, so internal notes, unreleased prices and other people's data never leave the server.
/// </summary>
public sealed class CustomerPortalService(
    IMaxmontajDbFactory dbFactory,
    ICurrentUser currentUser,
    TimeProvider time,
    StatusLinkService links,
    ReviewService reviews,
    OrderService orders,
    ChatService chat,
    ILiveEvents live,
    CompanyCalendar calendar,
    Quotas.QuotaService quotas,
    IImageSanitizer sanitizer)
{
    public async Task<IReadOnlyList<CustomerOrderRow>> MyOrdersAsync(CancellationToken cancellationToken = default)
    {
        var me = RequireCustomer();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var finished = new[] { OrderStatus.Closed, OrderStatus.Cancelled };
        var rows = await db.Orders.AsNoTracking().Where(o => o.CustomerId == me)
            .OrderBy(o => finished.Contains(o.Status) ? 1 : 0).ThenByDescending(o => o.CreatedAt).Take(200)
            .Select(o => new { o.Id, o.Number, o.Status, WorkType = o.WorkType!.Name, o.ScheduledStart, o.CreatedAt,
                OnTheWay = o.Assignments.Any(a => a.Role == AssignmentRole.Lead && a.OnTheWayAt != null) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new CustomerOrderRow(r.Id, r.Number, r.Status, PlainStatus(r.Status, r.OnTheWay), r.WorkType, r.ScheduledStart, r.CreatedAt)).ToList();
    }

    public async Task<CustomerOrderView> GetAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        var me = RequireCustomer();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await db.Orders.AnyAsync(o => o.Id == orderId && o.CustomerId == me, cancellationToken))
        {
            throw new NotFoundException("Order", orderId);
        }

        return await ViewAsync(db, orderId, cancellationToken);
    }

    /// <summary>The status page behind a private link, or null — the same for a wrong, revoked or expired link.</summary>
    public async Task<CustomerOrderView?> GetByLinkAsync(string? token, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await links.ResolveAsync(db, token, cancellationToken) is { } orderId ? await ViewAsync(db, orderId, cancellationToken) : null;
    }

    /// <summary>The order id behind a link, for live updates of the link's page; null when the link does not work.</summary>
    public async Task<Guid?> OrderOfLinkAsync(string? token, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await links.ResolveAsync(db, token, cancellationToken);
    }

    public async Task<Result> ReviewAsync(Guid orderId, int rating, string? comment, CancellationToken cancellationToken = default)
    {
        var me = RequireCustomer();
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            if (!await db.Orders.AnyAsync(o => o.Id == orderId && o.CustomerId == me, cancellationToken))
            {
                throw new NotFoundException("Order", orderId);
            }
        }

        return await reviews.SaveAsync(orderId, rating, comment, cancellationToken);
    }

    public async Task<Result> ReviewByLinkAsync(string? token, int rating, string? comment, CancellationToken cancellationToken = default)
    {
        Guid? orderId;
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            orderId = await links.ResolveAsync(db, token, cancellationToken);
        }

        return orderId is { } id ? await reviews.SaveAsync(id, rating, comment, cancellationToken) : throw new NotFoundException("StatusLink", "?");
    }

    /// <summary>A new order from the portal: New, source Portal, live on the board; photos go to the thread with the office.</summary>
    public async Task<Result<Guid>> RequestAsync(OrderRequest request, CancellationToken cancellationToken = default)
    {
        var me = RequireCustomer();
        var errors = new List<Error>();
        // The customer's "today" is the company's local day (Moscow), not the UTC date, which lags three hours behind.
        var today = calendar.Today(time);
        if (request.PreferredFrom is { } from && (from < today || (request.PreferredTo is { } to && to < from)))
        {
            errors.Add(new Error("Request.DatesInvalid", nameof(OrderRequest.PreferredFrom)));
        }

        if (request.Photos.Count > PhotoInspector.MaxPerReport)
        {
            errors.Add(new Error(PhotoInspector.TooMany, nameof(OrderRequest.Photos)));
        }

        var checks = new List<PhotoCheck>();
        foreach (var photo in request.Photos)
        {
            var check = PhotoInspector.Inspect(photo);
            if (!check.IsValid)
            {
                errors.Add(new Error(check.ErrorCode!, nameof(OrderRequest.Photos)));
                break;
            }

            checks.Add(check);
        }

        string name;
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            // Daily quotas: requests, and the photos they carry (they go to the chat, so they count as chat photos).
            if (await quotas.CheckRequestsAsync(db, me, cancellationToken) is { } tooManyRequests)
            {
                return Result<Guid>.Failure(tooManyRequests);
            }

            if (request.Photos.Count > 0 && await quotas.CheckChatPhotosAsync(db, me, request.Photos.Count, nameof(OrderRequest.Photos), cancellationToken) is { } tooManyPhotos)
            {
                return Result<Guid>.Failure(tooManyPhotos);
            }

            name = await db.Users.Where(u => u.Id == me).Select(u => u.FullName).SingleAsync(cancellationToken);
        }

        // Re-encoded before anything is saved (and only once the rest passed and the quota allows), so a photo the chat
        // would refuse is a field error here rather than dropped after the order exists.
        var clean = new List<SanitizedImage>();
        for (var i = 0; i < checks.Count && errors.Count == 0; i++)
        {
            var sanitized = sanitizer.Sanitize(request.Photos[i], checks[i], nameof(OrderRequest.Photos));
            if (!sanitized.Succeeded)
            {
                errors.Add(sanitized.Errors[0]);
            }
            else
            {
                clean.Add(sanitized.Value!);
            }
        }

        var preferred = request.PreferredFrom is { } f
            ? $"Удобные даты: {f:dd.MM.yyyy}{(request.PreferredTo is { } t && t != f ? $"–{t:dd.MM.yyyy}" : "")}." : null;
        var model = new OrderEditModel
        {
            CustomerId = me,
            CustomerName = name,
            ContactPhone = request.ContactPhone,
            Address = request.Address,
            WorkTypeId = request.WorkTypeId,
            Description = string.Join("\n", new[] { request.Description?.Trim(), preferred }.Where(s => !string.IsNullOrEmpty(s))),
            Source = OrderSource.Portal,
        };
        var created = await orders.CreateForCustomerAsync(model, errors, cancellationToken);
        if (!created.Succeeded)
        {
            return created;
        }

        // The batch was counted against the chat-photo quota above; each goes to the thread as it was re-encoded.
        foreach (var photo in clean)
        {
            await chat.PostCleanPhotoAsync(created.Value, photo, ChatChannel.Customer, cancellationToken);
        }

        live.Publish(new LiveEvent(LiveEventKind.OrderCreated, created.Value), LiveTopics.OfficeAlerts);
        return created;
    }

    private async Task<CustomerOrderView> ViewAsync(IMaxmontajDb db, Guid orderId, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().Where(o => o.Id == orderId)
            .Select(o => new
            {
                o.Id, o.Number, o.Status, WorkType = o.WorkType!.Name, Address = o.Address.Text, o.ScheduledStart, o.ScheduledEnd,
                o.PriceReleased, o.PriceEstimate, o.FinalPrice, o.CustomerId,
                Lead = o.Assignments.Where(a => a.Role == AssignmentRole.Lead).Select(a => new { a.UserId, a.OnTheWayAt }).FirstOrDefault(),
            })
            .SingleAsync(cancellationToken);
        var leadName = order.Lead is { } lead ? await db.Users.Where(u => u.Id == lead.UserId).Select(u => u.FullName).SingleOrDefaultAsync(cancellationToken) : null;
        var rating = order.Lead is { } l ? await db.Reviews.Where(r => r.ExecutorId == l.UserId).AverageAsync(r => (double?)r.Rating, cancellationToken) : null;
        var review = await db.Reviews.AsNoTracking().Where(r => r.OrderId == orderId).Select(r => new { r.Rating, r.Comment, r.CreatedAt }).SingleOrDefaultAsync(cancellationToken);

        var events = await db.OrderEvents.AsNoTracking().Where(e => e.OrderId == orderId).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var assignedIds = events.Where(e => e.Kind == OrderEventKind.Assigned && e.Details != null && e.Details.StartsWith("Lead:"))
            .Select(e => Guid.TryParse(e.Details![5..], out var id) ? id : Guid.Empty).Distinct().ToList();
        var names = await db.Users.Where(u => assignedIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);
        var timeline = events.Select(e => Public(e, names)).Where(e => e is not null).Select(e => e!).ToList();
        var messages = await db.ChatMessages.AsNoTracking()
            .Where(m => m.OrderId == orderId && m.Channel == ChatChannel.Customer && m.AuthorId != order.CustomerId && m.Text != "")
            .Select(m => new { m.SentAt, m.Text }).ToListAsync(cancellationToken);
        var sent = order.CustomerId is { } customer
            // The invitation carries a one-time password link: never on a page that a status link also opens.
            ? await db.Notifications.AsNoTracking().Where(n => n.UserId == customer && n.OrderId == orderId && n.SentAt != null && n.Kind != "invitation")
                .Select(n => new { n.SentAt, n.Text }).ToListAsync(cancellationToken)
            : [];
        timeline.AddRange(messages.Select(m => new CustomerTimelineEntry(m.SentAt, "message", m.Text)));
        timeline.AddRange(sent.Select(n => new CustomerTimelineEntry(n.SentAt!.Value, "notification", n.Text)));

        var finished = order.Status is OrderStatus.Completed or OrderStatus.Closed;
        return new CustomerOrderView(
            order.Id, order.Number, order.Status, PlainStatus(order.Status, order.Lead?.OnTheWayAt is not null), order.WorkType, order.Address,
            order.ScheduledStart, order.ScheduledEnd, FirstName(leadName), rating,
            order.PriceReleased ? order.FinalPrice ?? order.PriceEstimate : null,
            timeline.OrderBy(t => t.At).ToList(),
            finished && (review is null || time.GetUtcNow() - review.CreatedAt <= ReviewService.EditWindow),
            review?.Rating, review?.Comment);
    }

    /// <summary>The steps a customer is told about; internal ones (notes, prices, edits, declines, report reviews) are left out.</summary>
    private static CustomerTimelineEntry? Public(OrderEvent e, Dictionary<Guid, string> names) => e.Kind switch
    {
        OrderEventKind.Created => new(e.At, "created", null),
        OrderEventKind.Rescheduled => new(e.At, "rescheduled", null),
        OrderEventKind.Assigned when e.Details?.StartsWith("Lead:") == true && Guid.TryParse(e.Details[5..], out var id) =>
            new(e.At, "assigned", FirstName(names.GetValueOrDefault(id))),
        OrderEventKind.OnTheWay => new(e.At, "on_the_way", null),
        OrderEventKind.StatusChanged when e.Details?.Split('→') is [_, var to] && Enum.TryParse<OrderStatus>(to, out var status) =>
            new(e.At, $"status.{status}", null),
        _ => null,
    };

    public static string PlainStatus(OrderStatus status, bool onTheWay) => status switch
    {
        OrderStatus.Scheduled when onTheWay => "OnTheWay",
        _ => status.ToString(),
    };

    private static string? FirstName(string? fullName) => fullName?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();

    private Guid RequireCustomer() =>
        currentUser.IsInRole(Roles.Customer) && currentUser.UserId is { } id ? id : throw new ForbiddenAccessException();
}

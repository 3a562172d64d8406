using Maxmontaj.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Orders;

/// <summary>Read side of orders: lists, the board, job lists and the order page, always within what the viewer may see.</summary>
public sealed class OrderQueries(IMaxmontajDbFactory dbFactory, ICurrentUser currentUser, CompanyCalendar calendar, TimeProvider time,
    IOrderTextSearch textSearch)
{
    public const int MaxPageSize = 200;

    /// <summary>The list counts matching orders exactly up to this many and says "more than" past it (ADR 0027).</summary>
    public const int CountLimit = 1000;

    private static readonly System.Text.RegularExpressions.Regex OrderNumber = new(@"^\d{4}-\d{1,7}$");

    /// <summary>Statuses that stay on the board; closed and cancelled orders leave it.</summary>
    public static IReadOnlyList<OrderStatus> BoardStatuses { get; } =
        [OrderStatus.New, OrderStatus.Scheduled, OrderStatus.InProgress, OrderStatus.Completed, OrderStatus.Rework, OrderStatus.OnHold];

    /// <summary>
    /// One page of the list by keyset (seek): the rows after or before the cursor in the sort order, or the first or last
    /// page; never an offset, so the last page costs what the first does. The count is exact up to <see cref="CountLimit"/>.
    /// </summary>
    public async Task<OrderPage> ListAsync(OrderListQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var orders = Filter(db, OrderAccess.Visible(db, currentUser), query);
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var seek = query.Cursor is null && query.Seek is OrderSeek.After or OrderSeek.Before ? OrderSeek.First : query.Seek;
        var backwards = seek is OrderSeek.Before or OrderSeek.Last;
        var cursor = seek is OrderSeek.After or OrderSeek.Before ? query.Cursor : null;
        IQueryable<Order> sorted;
        if (query.PersonId is { } person && query.SortBy == OrderSortField.CreatedAt)
        {
            // One person's orders by creation: read their assignments' (UserId, OrderCreatedAt) index and join each order by
            // key, instead of walking every order's CreatedAt and probing its assignments (ADR 0028).
            var others = Filter(db, OrderAccess.Visible(db, currentUser), query with { PersonId = null });
            orders = AssignedTo(db, others, person);
            sorted = AssignedPage(db, others, person, query.SortDescending != backwards, cursor);
        }
        else
        {
            var page = cursor is null ? orders : OrderKeyset.Beyond(orders, query.SortBy, query.SortDescending != backwards, cursor);
            sorted = OrderKeyset.Sort(page, query.SortBy, query.SortDescending != backwards);
        }

        var rows = await Project(db, sorted.Take(size + 1), cancellationToken);
        var more = rows.Count > size;
        if (more)
        {
            rows.RemoveAt(size);
        }

        if (backwards)
        {
            rows.Reverse();
        }

        if (seek == OrderSeek.Before && rows.Count == 0)
        {
            // Nothing is left before the cursor (deleted or refiltered meanwhile): show the first page.
            return await ListAsync(query with { Seek = OrderSeek.First, Cursor = null }, cancellationToken);
        }

        // Counting stops past the limit: a capped count reads at most CountLimit + 1 index entries.
        var counted = await orders.Take(CountLimit + 1).CountAsync(cancellationToken);
        var count = new OrderCount(Math.Min(counted, CountLimit), counted > CountLimit);
        return seek switch
        {
            OrderSeek.First => new OrderPage(rows, count, false, more),
            OrderSeek.After => new OrderPage(rows, count, true, more),
            OrderSeek.Before => new OrderPage(rows, count, more, true),
            _ => new OrderPage(rows, count, more, false),
        };
    }

    /// <summary>Every order matching the list's filters, in keyset pages of a thousand, for exports that must not hold them all in memory.</summary>
    public async IAsyncEnumerable<OrderListItem> StreamAsync(OrderListQuery query,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const int page = 1000;
        OrderCursor? after = null;
        while (true)
        {
            await using var db = await dbFactory.CreateAsync(cancellationToken);
            var orders = Filter(db, OrderAccess.Visible(db, currentUser), query);
            if (after is not null)
            {
                orders = OrderKeyset.Beyond(orders, query.SortBy, query.SortDescending, after);
            }

            var rows = await Project(db, OrderKeyset.Sort(orders, query.SortBy, query.SortDescending).Take(page), cancellationToken);
            foreach (var row in rows)
            {
                yield return row;
            }

            if (rows.Count < page)
            {
                yield break;
            }

            after = OrderCursor.Of(rows[^1]);
        }
    }

    /// <summary>The dispatcher's board: open orders, those with a visit on <paramref name="day"/> (or unscheduled) when a day is given.</summary>
    public async Task<IReadOnlyList<OrderListItem>> BoardAsync(DateOnly? day, int? workTypeId, CancellationToken cancellationToken = default)
    {
        OrderAccess.RequireOffice(currentUser);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var statuses = BoardStatuses.ToList();
        var orders = db.Orders.Where(o => statuses.Contains(o.Status));
        if (workTypeId is { } type)
        {
            orders = orders.Where(o => o.WorkTypeId == type);
        }

        if (day is { } d)
        {
            var (start, end) = calendar.DayBounds(d);
            orders = orders.Where(o => o.ScheduledStart == null || (o.ScheduledStart >= start && o.ScheduledStart < end));
        }

        return await Project(db, orders.OrderBy(o => o.Priority == Orders.OrderPriority.Urgent ? 0 : 1)
            .ThenBy(o => o.ScheduledStart).ThenBy(o => o.Number).Take(600), cancellationToken);
    }

    /// <summary>One order as a board card (whatever its status), or null when it no longer exists: the shared board's read per change.</summary>
    public async Task<OrderListItem?> BoardCardAsync(Guid id, CancellationToken cancellationToken = default)
    {
        OrderAccess.RequireOffice(currentUser);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return (await Project(db, db.Orders.Where(o => o.Id == id), cancellationToken)).SingleOrDefault();
    }

    /// <summary>The current executor's or specialist's orders from <paramref name="from"/> on, plus any still open from before.</summary>
    public async Task<IReadOnlyList<OrderListItem>> MyJobsAsync(DateTimeOffset from, CancellationToken cancellationToken = default)
    {
        var me = currentUser.UserId ?? throw new ForbiddenAccessException();
        if (!OrderAccess.IsField(currentUser))
        {
            throw new ForbiddenAccessException();
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var open = new[] { OrderStatus.New, OrderStatus.Scheduled, OrderStatus.InProgress, OrderStatus.Rework };
        var orders = db.Orders.Where(o => o.Assignments.Any(a => a.UserId == me)
            && (o.ScheduledStart >= from || open.Contains(o.Status)));
        return await Project(db, orders.OrderBy(o => o.ScheduledStart).ThenBy(o => o.Number).Take(200), cancellationToken);
    }

    /// <summary>
    /// The current executor's or specialist's list as their page shows it: open jobs from today (and older ones still open)
    /// grouped by <see cref="JobList"/>, cancelled ones left out, then the finished ones.
    /// </summary>
    public async Task<MyJobsView> MyJobListAsync(CancellationToken cancellationToken = default)
    {
        var today = calendar.Today(time);
        var jobs = await MyJobsAsync(calendar.DayBounds(today).Start, cancellationToken);
        return new MyJobsView(JobList.Group(jobs, today, calendar), await MyHistoryAsync(cancellationToken: cancellationToken));
    }

    /// <summary>The current executor's or specialist's finished jobs, latest first.</summary>
    public async Task<IReadOnlyList<OrderListItem>> MyHistoryAsync(int take = 30, CancellationToken cancellationToken = default)
    {
        var me = currentUser.UserId ?? throw new ForbiddenAccessException();
        if (!OrderAccess.IsField(currentUser))
        {
            throw new ForbiddenAccessException();
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var finished = new[] { OrderStatus.Completed, OrderStatus.Closed };
        var orders = db.Orders.Where(o => o.Assignments.Any(a => a.UserId == me) && finished.Contains(o.Status));
        return await Project(db, orders.OrderByDescending(o => o.CompletedAt).Take(Math.Clamp(take, 1, 100)), cancellationToken);
    }

    public async Task<OrderDetails> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var order = await OrderAccess.Visible(db, currentUser).AsNoTracking()
            .Include(o => o.WorkType).Include(o => o.Assignments)
            .SingleOrDefaultAsync(o => o.Id == id, cancellationToken) ?? throw new NotFoundException("Order", id);

        var peopleIds = order.Assignments.Select(a => a.UserId).ToList();
        var events = await db.OrderEvents.AsNoTracking().Where(e => e.OrderId == id).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Take(500).ToListAsync(cancellationToken);
        var names = await NamesAsync(db, peopleIds.Concat(events.Where(e => e.ActorId != null).Select(e => e.ActorId!.Value)), cancellationToken);

        var office = OrderAccess.IsOffice(currentUser);
        var fields = new OrderEditModel
        {
            CustomerId = order.CustomerId,
            CustomerName = order.CustomerName,
            ContactPhone = order.ContactPhone,
            Address = order.Address.Text,
            Latitude = order.Address.Latitude,
            Longitude = order.Address.Longitude,
            WorkTypeId = order.WorkTypeId,
            Description = order.Description,
            ScheduledStart = order.ScheduledStart,
            ScheduledEnd = order.ScheduledEnd,
            EstimatedMinutes = order.EstimatedMinutes,
            PriceEstimate = order.PriceEstimate,
            FinalPrice = office ? order.FinalPrice : null,
            PriceReleased = order.PriceReleased,
            Priority = order.Priority,
            Source = order.Source,
            InternalNotes = order.InternalNotes,
        };
        var people = order.Assignments.OrderBy(a => a.Role)
            .Select(a => new AssignedPerson(a.UserId, names.GetValueOrDefault(a.UserId, "?"), a.Role, a.AcceptedAt is not null, a.OnTheWayAt is not null)).ToList();
        var timeline = events.Select(e => new TimelineEntry(e.At, e.Kind, e.Details, e.ActorId is { } actor ? names.GetValueOrDefault(actor) : null)).ToList();
        var reportSubmitted = order.Status == OrderStatus.Completed
            && await ReportSubmittedAsync(db, id, cancellationToken);
        var allowed = OrderTransitions.Targets(order.Status, currentUser.IsInRole, reportSubmitted);
        if (!office && !order.Assignments.Any(a => a.UserId == currentUser.UserId && a.Role != AssignmentRole.Helper))
        {
            allowed = [];
        }

        return new OrderDetails(order.Id, order.Number, order.Status, fields, order.WorkType?.Name ?? "", people, timeline, allowed, order.Version,
            order.CreatedAt, office ? order.DeclineReason : null, office && order.NeedsFollowUp,
            order.Assignments.FirstOrDefault(a => a.UserId == currentUser.UserId) is { } mine ? Assignment.JobActions.For(order, mine) : null);
    }

    /// <summary>The orders assigned to <paramref name="person"/>, driven from their assignments (one row per order and person).</summary>
    private static IQueryable<Order> AssignedTo(IMaxmontajDb db, IQueryable<Order> orders, Guid person) =>
        from a in db.OrderAssignments
        where a.UserId == person
        join o in orders on a.OrderId equals o.Id
        select o;

    /// <summary>
    /// A page of <paramref name="person"/>'s orders newest (or oldest) first by the assignment's copy of the order's
    /// CreatedAt, continuing after <paramref name="cursor"/>: one range of the (UserId, OrderCreatedAt, OrderId) index.
    /// </summary>
    private static IQueryable<Order> AssignedPage(IMaxmontajDb db, IQueryable<Order> orders, Guid person, bool descending, OrderCursor? cursor)
    {
        var mine = db.OrderAssignments.Where(a => a.UserId == person);
        if (cursor is not null)
        {
            var (at, id) = (cursor.CreatedAt, cursor.Id);
            mine = descending
                ? mine.Where(a => a.OrderCreatedAt < at || (a.OrderCreatedAt == at && a.OrderId < id))
                : mine.Where(a => a.OrderCreatedAt > at || (a.OrderCreatedAt == at && a.OrderId > id));
        }

        var joined = from a in mine
                     join o in orders on a.OrderId equals o.Id
                     select new { a.OrderCreatedAt, a.OrderId, Order = o };
        var sorted = descending
            ? joined.OrderByDescending(x => x.OrderCreatedAt).ThenByDescending(x => x.OrderId)
            : joined.OrderBy(x => x.OrderCreatedAt).ThenBy(x => x.OrderId);
        return sorted.Select(x => x.Order);
    }

    private IQueryable<Order> Filter(IMaxmontajDb db, IQueryable<Order> orders, OrderListQuery query)
    {
        if (query.Statuses is { Count: > 0 } statuses)
        {
            var list = statuses.ToList();
            orders = orders.Where(o => list.Contains(o.Status));
        }

        if (query.WorkTypeId is { } type)
        {
            orders = orders.Where(o => o.WorkTypeId == type);
        }

        if (query.PersonId is { } person)
        {
            orders = orders.Where(o => o.Assignments.Any(a => a.UserId == person));
        }

        if (query.From is { } from)
        {
            orders = orders.Where(o => o.ScheduledStart >= from);
        }

        if (query.To is { } to)
        {
            orders = orders.Where(o => o.ScheduledStart < to);
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            // An order number or a whole phone is looked up through its index; other text through the full-text index.
            var text = query.Text.Trim().ToUpperInvariant();
            if (OrderNumber.IsMatch(text))
            {
                // "2026-5" is order 5 of 2026 (2026-000005); the number as typed so far still narrows by prefix.
                var year = int.Parse(text[..4], System.Globalization.CultureInfo.InvariantCulture);
                var sequence = int.Parse(text[5..], System.Globalization.CultureInfo.InvariantCulture);
                orders = orders.Where(o => o.Number.StartsWith(text) || (o.Year == year && o.Sequence == sequence));
            }
            else if (Users.PhoneFormat.Normalize(text) is { } phone)
            {
                orders = orders.Where(o => o.ContactPhone == phone);
            }
            else if (OrderSearchTerms.Parse(text) is { IsEmpty: false } terms)
            {
                orders = textSearch.Matching(db, orders, terms);
            }
        }

        return orders;
    }

    private static async Task<List<OrderListItem>> Project(IMaxmontajDb db, IQueryable<Order> orders, CancellationToken cancellationToken)
    {
        var rows = await orders.AsNoTracking()
            .Select(o => new
            {
                o.Id, o.Number, o.Status, o.Priority, o.CustomerName, o.ContactPhone, Address = o.Address.Text,
                o.WorkTypeId, WorkType = o.WorkType!.Name, o.ScheduledStart, o.ScheduledEnd, o.CreatedAt,
                LeadId = o.Assignments.Where(a => a.Role == AssignmentRole.Lead).Select(a => (Guid?)a.UserId).FirstOrDefault(),
                Declined = o.DeclineReason != null,
            })
            .ToListAsync(cancellationToken);
        var names = await NamesAsync(db, rows.Where(r => r.LeadId != null).Select(r => r.LeadId!.Value), cancellationToken);
        return rows.Select(r => new OrderListItem(r.Id, r.Number, r.Status, r.Priority, r.CustomerName, r.ContactPhone, r.Address,
                r.WorkTypeId, r.WorkType, r.ScheduledStart, r.ScheduledEnd,
                r.LeadId is { } lead ? names.GetValueOrDefault(lead) : null, r.LeadId, r.CreatedAt, r.Declined))
            .ToList();
    }

    /// <summary>True when the order's report waits for the office's review.</summary>
    internal static Task<bool> ReportSubmittedAsync(IMaxmontajDb db, Guid orderId, CancellationToken cancellationToken) =>
        db.Reports.AnyAsync(r => r.OrderId == orderId && r.Status == Reports.ReportStatus.Submitted, cancellationToken);

    internal static async Task<Dictionary<Guid, string>> NamesAsync(IMaxmontajDb db, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var list = ids.Distinct().ToList();
        if (list.Count == 0)
        {
            return [];
        }

        return await db.Users.AsNoTracking().Where(u => list.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);
    }
}

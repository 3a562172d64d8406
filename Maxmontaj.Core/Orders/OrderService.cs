using Maxmontaj.Core.Common;
using Maxmontaj.Core.Live;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Orders;

/// <summary>Creating, editing and moving orders through their statuses; every change is on the timeline and pushed live after commit.</summary>
public sealed class OrderService(
    IMaxmontajDbFactory dbFactory,
    ICurrentUser currentUser,
    TimeProvider time,
    ILiveEvents live,
    OrderQueries queries,
    CompanyCalendar calendar,
    IDbErrors dbErrors)
{
    public async Task<Result<Guid>> CreateAsync(OrderEditModel model, CancellationToken cancellationToken = default)
    {
        OrderAccess.RequireOffice(currentUser);
        return await CreateCoreAsync(model, [], cancellationToken);
    }

    /// <summary>A customer's own request from the portal; the caller has checked who they are.</summary>
    internal Task<Result<Guid>> CreateForCustomerAsync(OrderEditModel model, List<Error> errors, CancellationToken cancellationToken) =>
        CreateCoreAsync(model, errors, cancellationToken);

    private async Task<Result<Guid>> CreateCoreAsync(OrderEditModel model, List<Error> earlier, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = OrderValidation.Validate(model, now, scheduleChanged: true);
        errors.InsertRange(0, earlier);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (model.WorkTypeId > 0 && !await db.WorkTypes.AnyAsync(w => w.Id == model.WorkTypeId && w.IsActive, cancellationToken))
        {
            errors.Add(OrderErrors.WorkTypeRequired);
        }

        if (errors.Count > 0)
        {
            return Result<Guid>.Failure([.. errors]);
        }

        // Someone who called from the phone a customer proved to own is that customer: their portal will show the order. An
        // unconfirmed phone links nothing; the office sees it as a proposal to confirm (CustomerLinkService, ADR 0019).
        model.CustomerId ??= await (from u in db.Users
                                    where u.PhoneNumber == model.ContactPhone && u.PhoneNumberConfirmed && u.IsActive
                                        && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Users.Roles.Customer))
                                    select (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
        var order = new Order { Id = Guid.CreateVersion7(), Status = OrderStatus.New, Version = Guid.NewGuid() };
        Apply(model, order);
        order.Year = now.Year;
        order.CreatedDay = calendar.DayNumberOf(now);
        await MarkCallbackAsync(db, order, now, cancellationToken);
        order.Events.Add(Event(order.Id, OrderEventKind.Created, null, now));
        await SaveWithNumberAsync(db, order, cancellationToken);
        OrderMetrics.OrderCreated(order.Source);
        live.Publish(new LiveEvent(LiveEventKind.OrderCreated, order.Id), OrderAccess.Topics(order.Id, []));
        return order.Id;
    }

    /// <summary>Saves the dialog's fields; refused with <see cref="OrderErrors.Conflict"/> when someone saved since <paramref name="expectedVersion"/>.</summary>
    public async Task<Result> UpdateAsync(Guid id, OrderEditModel model, Guid expectedVersion, CancellationToken cancellationToken = default)
    {
        OrderAccess.RequireOffice(currentUser);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var order = await db.Orders.Include(o => o.Assignments).SingleOrDefaultAsync(o => o.Id == id, cancellationToken)
            ?? throw new NotFoundException("Order", id);
        if (order.Version != expectedVersion)
        {
            return Result.Failure(OrderErrors.Conflict);
        }

        if (order.Status is OrderStatus.Closed or OrderStatus.Cancelled)
        {
            return Result.Failure(OrderErrors.Closed);
        }

        var now = time.GetUtcNow();
        var scheduleChanged = model.ScheduledStart != order.ScheduledStart;
        var errors = OrderValidation.Validate(model, now, scheduleChanged);
        if (errors.Count > 0)
        {
            return Result.Failure([.. errors]);
        }

        if (scheduleChanged || model.ScheduledEnd != order.ScheduledEnd)
        {
            order.Events.Add(Event(id, OrderEventKind.Rescheduled, $"{Iso(order.ScheduledStart)}→{Iso(model.ScheduledStart)}", now));
            var visit = model.ScheduledStart is { } start ? calendar.ToLocal(start).ToString("dd.MM.yyyy HH:mm") : "время уточняется";
            foreach (var person in order.Assignments.Select(a => a.UserId).Concat(order.CustomerId is { } c ? [c] : []).Distinct())
            {
                Notifications.Outbox.Enqueue(db, person, "schedule", id, Notifications.NotificationTexts.Rescheduled(order.Number, visit),
                    $"rescheduled:{id:N}:{person:N}:{now.UtcTicks}", now);
            }
        }

        if (model.PriceEstimate != order.PriceEstimate || model.FinalPrice != order.FinalPrice)
        {
            order.Events.Add(Event(id, OrderEventKind.PriceChanged, $"{order.PriceEstimate}/{order.FinalPrice}→{model.PriceEstimate}/{model.FinalPrice}", now));
        }

        var hadVisit = order.ScheduledStart is not null;
        if (model.WorkTypeId != order.WorkTypeId)
        {
            // The review keeps a copy of the work type for the dashboard's ratings by type (ADR 0028).
            foreach (var review in await db.Reviews.Where(r => r.OrderId == id).ToListAsync(cancellationToken))
            {
                review.WorkTypeId = model.WorkTypeId;
            }
        }

        Apply(model, order);
        order.Events.Add(Event(id, OrderEventKind.Edited, null, now));
        if (!hadVisit)
        {
            // The visit the assigned person waited for: schedule now (an order sent back to New on purpose stays New).
            await ScheduleWhenReadyAsync(db, order, cancellationToken);
        }

        return await SaveChangeAsync(db, order, LiveEventKind.OrderChanged, cancellationToken);
    }

    /// <summary>Moves an order to <paramref name="to"/> if the transition table lets the current user, and the preconditions hold.</summary>
    public async Task<Result> ChangeStatusAsync(Guid id, OrderStatus to, Guid? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var order = await OrderAccess.Visible(db, currentUser).Include(o => o.Assignments)
            .SingleOrDefaultAsync(o => o.Id == id, cancellationToken) ?? throw new NotFoundException("Order", id);
        if (expectedVersion is { } version && order.Version != version)
        {
            return Result.Failure(OrderErrors.Conflict);
        }

        // Field staff finish a job by submitting its report, which checks the checklist and photos.
        if (to == OrderStatus.Completed && !OrderAccess.IsOffice(currentUser))
        {
            return Result.Failure(OrderErrors.ReportRequired);
        }

        // A submitted report is answered by its review, which moves the report along with the order (ReportService).
        // (The report is looked up only for a move the review answers.)
        if (OrderTransitions.ReviewMoves.Contains((order.Status, to)) && OrderTransitions.IsAllowed(order.Status, to, currentUser.IsInRole)
            && OrderTransitions.NeedsReview(order.Status, to, await OrderQueries.ReportSubmittedAsync(db, id, cancellationToken)))
        {
            return Result.Failure(OrderErrors.ReviewRequired);
        }

        var applied = await ApplyStatusAsync(db, order, to, cancellationToken);
        return applied.Succeeded ? await SaveChangeAsync(db, order, LiveEventKind.OrderStatusChanged, cancellationToken) : applied;
    }

    /// <summary>Checks and applies a status change to a loaded order without saving it, for commands that save more alongside.</summary>
    internal async Task<Result> ApplyStatusAsync(IMaxmontajDb db, Order order, OrderStatus to, CancellationToken cancellationToken)
    {
        var from = order.Status;
        if (!OrderTransitions.IsAllowed(from, to, currentUser.IsInRole))
        {
            return Result.Failure(OrderErrors.TransitionForbidden);
        }

        // Field staff move only orders they lead or measure, whatever other roles they hold.
        if (!OrderAccess.IsOffice(currentUser)
            && !order.Assignments.Any(a => a.UserId == currentUser.UserId && a.Role != AssignmentRole.Helper))
        {
            return Result.Failure(OrderErrors.TransitionForbidden);
        }

        if (to == OrderStatus.Scheduled && order.ScheduledStart is null)
        {
            return Result.Failure(OrderErrors.ScheduleRequired);
        }

        var now = time.GetUtcNow();
        order.Status = to;
        await RecordLifecycleAsync(db, order, from, to, now, cancellationToken);
        if (order.CustomerId is { } customer && Notifications.NotificationTexts.PlainForCustomer(to) is { } plain)
        {
            Notifications.Outbox.Enqueue(db, customer, "status", order.Id, Notifications.NotificationTexts.Status(order.Number, plain),
                $"status:{order.Id:N}:{to}:{now.UtcTicks}", now);
        }
        order.Events.Add(Event(order.Id, OrderEventKind.StatusChanged, $"{from}→{to}", now));
        return Result.Success();
    }

    /// <summary>
    /// A new order with someone to do it (a lead or a specialist) and a visit time is scheduled at once, on the timeline and
    /// with the customer's notification: the person assigned then has a next step without a separate "Запланировать".
    /// The caller saves.
    /// </summary>
    internal async Task ScheduleWhenReadyAsync(IMaxmontajDb db, Order order, CancellationToken cancellationToken)
    {
        if (order.Status == OrderStatus.New && order.ScheduledStart is not null && order.Assignments.Any(a => a.Role != AssignmentRole.Helper))
        {
            await ApplyStatusAsync(db, order, OrderStatus.Scheduled, cancellationToken);
        }
    }

    /// <summary>Adds a note to the timeline: the office, or someone on the order (a specialist's measurements, say).</summary>
    public async Task<Result> AddNoteAsync(Guid id, string text, CancellationToken cancellationToken = default)
    {
        text = text?.Trim() ?? "";
        if (text.Length == 0)
        {
            return Result.Failure(new Error("Order.NoteRequired", "Note"));
        }

        if (text.Length > OrderValidation.MaxNote)
        {
            return Result.Failure(OrderErrors.TextTooLong("Note"));
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var order = await OrderAccess.Visible(db, currentUser).Include(o => o.Assignments)
            .SingleOrDefaultAsync(o => o.Id == id, cancellationToken) ?? throw new NotFoundException("Order", id);
        order.Events.Add(Event(id, OrderEventKind.NoteAdded, text, time.GetUtcNow()));
        return await SaveChangeAsync(db, order, LiveEventKind.OrderChanged, cancellationToken);
    }

    public Task<OrderDetails> GetAsync(Guid id, CancellationToken cancellationToken = default) => queries.GetAsync(id, cancellationToken);

    internal static OrderEvent Event(Guid orderId, OrderEventKind kind, string? details, DateTimeOffset at, Guid? actor = null) =>
        new() { OrderId = orderId, Kind = kind, Details = details, At = at, ActorId = actor };

    /// <summary>Saves a change to a loaded order with a new version, and tells everyone concerned once it is committed.</summary>
    internal async Task<Result> SaveChangeAsync(IMaxmontajDb db, Order order, LiveEventKind kind, CancellationToken cancellationToken, IEnumerable<Guid>? alsoTell = null)
    {
        foreach (var entry in order.Events.Where(e => e.ActorId is null))
        {
            entry.ActorId = currentUser.UserId;
        }

        order.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Failure(OrderErrors.Conflict);
        }

        OrderMetrics.OrderChanged(kind);
        var people = order.Assignments.Select(a => a.UserId).Concat(alsoTell ?? []);
        live.Publish(new LiveEvent(kind, order.Id), OrderAccess.Topics(order.Id, people));
        return Result.Success();
    }

    private static readonly string[] Installations = ["window-install", "door-install", "ac-install"];

    /// <summary>
    /// Writes the facts analytics count, as docs/analytics.md defines them: the first start and whether it was on time (never
    /// moved by a restart), on-site minutes summed over visits, the completion that stands (cleared by rework), rework, measurement lead.
    /// </summary>
    private async Task RecordLifecycleAsync(IMaxmontajDb db, Order order, OrderStatus from, OrderStatus to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A visit ends when the order leaves "in progress" (completed or put on hold): its minutes add up.
        if (from == OrderStatus.InProgress && order.StartedAt is { } visitStart)
        {
            order.OnSiteMinutes = (order.OnSiteMinutes ?? 0) + (int)(now - visitStart).TotalMinutes;
        }

        switch (to)
        {
            case OrderStatus.InProgress:
                order.StartedAt = now;
                if (order.FirstStartedAt is null)
                {
                    order.FirstStartedAt = now;
                    order.StartedOnTime = order.ScheduledStart is { } start
                        ? now <= start.AddMinutes(Analytics.KpiDefinitions.OnTimeGraceMinutes)
                        : null;
                }

                break;
            case OrderStatus.Completed:
                order.CompletedAt = now;
                order.CompletedDay = calendar.DayNumberOf(now);
                order.LeadTimeMinutes = (int)(now - order.CreatedAt).TotalMinutes;
                var code = await db.WorkTypes.Where(w => w.Id == order.WorkTypeId).Select(w => w.Code).SingleAsync(cancellationToken);
                if (Installations.Contains(code))
                {
                    var measured = await db.Orders
                        .Where(o => o.Id != order.Id && o.ContactPhone == order.ContactPhone && o.Address.Text == order.Address.Text
                            && o.WorkType!.Code == "measurement" && o.CompletedAt != null && o.CompletedAt <= now)
                        .OrderByDescending(o => o.CompletedAt).Select(o => o.CompletedAt).FirstOrDefaultAsync(cancellationToken);
                    order.MeasurementToInstallMinutes = measured is { } m ? (int)(now - m).TotalMinutes : null;
                }

                break;
            case OrderStatus.Closed:
                order.ClosedAt = now;
                order.ClosedDay = calendar.DayNumberOf(now);
                break;
            case OrderStatus.Cancelled:
                order.CancelledDay = calendar.DayNumberOf(now);
                break;
            case OrderStatus.Rework:
                // The completion did not stand: the order is not completed until it is completed again.
                order.ReworkCount++;
                order.CompletedAt = null;
                order.CompletedDay = null;
                order.LeadTimeMinutes = null;
                order.MeasurementToInstallMinutes = null;
                break;
        }
    }

    /// <summary>
    /// A new order for the same phone, address and work type within the callback window of a completed one makes that one a
    /// callback. An order returned for rework has no completion (it is not completed), so it is not marked. A portal request
    /// (typed by the customer, not checked by the office) marks only an order of the same customer account.
    /// </summary>
    private static async Task MarkCallbackAsync(IMaxmontajDb db, Order order, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now.AddDays(-Analytics.KpiDefinitions.CallbackWindowDays);
        var portal = order.Source == OrderSource.Portal;
        var previous = await db.Orders
            .Where(o => o.ContactPhone == order.ContactPhone && o.Address.Text == order.Address.Text && o.WorkTypeId == order.WorkTypeId
                && o.CompletedAt != null && o.CompletedAt >= since && !o.HadCallback && (!portal || o.CustomerId == order.CustomerId))
            .ToListAsync(cancellationToken);
        previous.ForEach(o => o.HadCallback = true);
    }

    private async Task SaveWithNumberAsync(IMaxmontajDb db, Order order, CancellationToken cancellationToken)
    {
        foreach (var entry in order.Events)
        {
            entry.ActorId = currentUser.UserId;
        }

        // The number is the year's next sequence; a unique index catches two dispatchers creating at the same moment.
        for (var attempt = 0; ; attempt++)
        {
            order.Sequence = 1 + (await db.Orders.Where(o => o.Year == order.Year).MaxAsync(o => (int?)o.Sequence, cancellationToken) ?? 0);
            order.Number = $"{order.Year}-{order.Sequence:000000}";
            order.RefreshSearchText();
            if (attempt == 0)
            {
                db.Orders.Add(order);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException exception) when (attempt < 3 && dbErrors.IsUniqueViolation(exception))
            {
                // Another order took the number; try the next one. Any other failure is not ours to retry.
            }
        }
    }

    private static void Apply(OrderEditModel model, Order order)
    {
        order.CustomerId = model.CustomerId;
        order.CustomerName = model.CustomerName;
        order.ContactPhone = model.ContactPhone;
        order.Address = new Address { Text = model.Address, Latitude = model.Latitude, Longitude = model.Longitude };
        order.WorkTypeId = model.WorkTypeId;
        order.Description = model.Description;
        order.ScheduledStart = model.ScheduledStart?.ToUniversalTime();
        order.ScheduledEnd = model.ScheduledEnd?.ToUniversalTime();
        order.EstimatedMinutes = model.EstimatedMinutes;
        order.PriceEstimate = model.PriceEstimate;
        order.FinalPrice = model.FinalPrice;
        order.PriceReleased = model.PriceReleased;
        order.Priority = model.Priority;
        order.Source = model.Source;
        order.InternalNotes = model.InternalNotes;
        order.RefreshSearchText();
    }

    private static string Iso(DateTimeOffset? value) => value?.ToUniversalTime().ToString("O") ?? "";
}

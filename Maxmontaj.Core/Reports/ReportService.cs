using Maxmontaj.Core.Common;
using Maxmontaj.Core.Live;
using Maxmontaj.Core.Orders;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Reports;

/// <summary>
/// Completion and measurement reports: a draft saved as the executor types, photos checked by their bytes, submission that
/// completes the order only when the checklist is satisfied, and the dispatcher's accept or return for rework.
/// </summary>
public sealed class ReportService(
    IMaxmontajDbFactory dbFactory,
    ICurrentUser currentUser,
    TimeProvider time,
    IPhotoStore photos,
    OrderService orders,
    IImageSanitizer sanitizer)
{
    public const int MaxText = 4000;
    public const int MaxComment = 2000;
    private static readonly OrderStatus[] Workable = [OrderStatus.Scheduled, OrderStatus.InProgress, OrderStatus.Rework];

    public async Task<ReportView> GetAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var order = await LoadOrderAsync(db, orderId, cancellationToken);
        var report = await LoadReportAsync(db, orderId, tracked: false, cancellationToken);
        return await ViewAsync(db, order, report, cancellationToken);
    }

    public async Task<Result> SaveDraftAsync(Guid orderId, ReportDraft draft, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var order = await LoadOrderAsync(db, orderId, cancellationToken);
        if (!CanEdit(order, await LoadReportAsync(db, orderId, tracked: false, cancellationToken)))
        {
            return Result.Failure(ReportErrors.NotEditable);
        }

        var errors = ValidateShape(draft);
        if (errors.Count > 0)
        {
            return Result.Failure([.. errors]);
        }

        var report = await LoadReportAsync(db, orderId, tracked: true, cancellationToken) ?? NewReport(db, orderId);
        Apply(draft, report);
        report.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }

    /// <summary>Checks the file by its bytes and stores it; refused files leave nothing behind.</summary>
    public async Task<Result<Guid>> AddPhotoAsync(Guid orderId, byte[] content, string originalName, int? checklistItemId,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var order = await LoadOrderAsync(db, orderId, cancellationToken);
        var report = await LoadReportAsync(db, orderId, tracked: true, cancellationToken);
        if (!CanEdit(order, report))
        {
            return Result<Guid>.Failure(ReportErrors.NotEditable);
        }

        var check = PhotoInspector.Inspect(content);
        if (!check.IsValid)
        {
            return Result<Guid>.Failure(new Error(check.ErrorCode!, "Photos"));
        }

        report ??= NewReport(db, orderId);
        if (report.Photos.Count >= PhotoInspector.MaxPerReport)
        {
            return Result<Guid>.Failure(new Error(PhotoInspector.TooMany, "Photos"));
        }

        // Stored re-encoded, so the file is only an image (no script riding along, no EXIF with GPS).
        var clean = sanitizer.Sanitize(content, check, "Photos");
        if (!clean.Succeeded)
        {
            return Result<Guid>.Failure([.. clean.Errors]);
        }

        content = clean.Value!.Content;
        var stored = await photos.SaveAsync(content, check.Extension!, cancellationToken);
        var photo = new ReportPhoto
        {
            Id = Guid.CreateVersion7(),
            ReportId = report.Id,
            ChecklistItemId = checklistItemId,
            StoredName = stored,
            ContentType = check.ContentType!,
            Size = content.Length,
            OriginalName = Path.GetFileName(originalName ?? "").Trim() is { Length: > 0 and <= 200 } name ? name : "photo" + check.Extension,
            UploadedAt = time.GetUtcNow(),
        };
        // Added through the set: a new photo with its id already set must be inserted, not taken for an existing row.
        db.ReportPhotos.Add(photo);
        report.Photos.Add(photo);
        report.UpdatedAt = photo.UploadedAt;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            photos.Delete(stored);
            throw;
        }

        return photo.Id;
    }

    public async Task<Result> RemovePhotoAsync(Guid orderId, Guid photoId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var order = await LoadOrderAsync(db, orderId, cancellationToken);
        var report = await LoadReportAsync(db, orderId, tracked: true, cancellationToken);
        if (!CanEdit(order, report))
        {
            return Result.Failure(ReportErrors.NotEditable);
        }

        var photo = report?.Photos.FirstOrDefault(p => p.Id == photoId) ?? throw new NotFoundException("Photo", photoId);
        report!.Photos.Remove(photo);
        await db.SaveChangesAsync(cancellationToken);
        photos.Delete(photo.StoredName);
        return Result.Success();
    }

    /// <summary>Submits the report and completes the order, or says which checklist item or field is missing.</summary>
    public async Task<Result> SubmitAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var order = await OrderAccess.Visible(db, currentUser).Include(o => o.Assignments).Include(o => o.WorkType)
            .SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken) ?? throw new NotFoundException("Order", orderId);
        var report = await LoadReportAsync(db, orderId, tracked: true, cancellationToken);
        if (!CanEdit(order, report))
        {
            return Result.Failure(ReportErrors.NotEditable);
        }

        // Nothing written yet: validating an empty report lists everything that is missing.
        report ??= new Report { Id = Guid.Empty, OrderId = orderId };

        if (order.Status != OrderStatus.InProgress)
        {
            return Result.Failure(ReportErrors.NotInProgress);
        }

        var errors = await ValidateCompleteAsync(db, order, report, cancellationToken);
        if (errors.Count > 0)
        {
            return Result.Failure([.. errors]);
        }

        var now = time.GetUtcNow();
        report.Status = ReportStatus.Submitted;
        report.SubmittedAt = now;
        report.ReturnComment = null;
        report.AuthorId = currentUser.UserId!.Value;
        order.Events.Add(OrderService.Event(orderId, OrderEventKind.ReportSubmitted, null, now));
        if (IsMeasurement(order) && report.PriceEstimate is { } price)
        {
            order.PriceEstimate = price;
        }

        var moved = await orders.ApplyStatusAsync(db, order, OrderStatus.Completed, cancellationToken);
        return moved.Succeeded ? await orders.SaveChangeAsync(db, order, LiveEventKind.ReportChanged, cancellationToken) : moved;
    }

    /// <summary>The dispatcher accepts the submitted report: the order is closed.</summary>
    public async Task<Result> AcceptAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        OrderAccess.RequireOffice(currentUser);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var order = await LoadOrderAsync(db, orderId, cancellationToken);
        var report = await LoadReportAsync(db, orderId, tracked: true, cancellationToken);
        if (report?.Status != ReportStatus.Submitted)
        {
            return Result.Failure(ReportErrors.NotSubmitted);
        }

        report.Status = ReportStatus.Accepted;
        order.Events.Add(OrderService.Event(orderId, OrderEventKind.ReportAccepted, null, time.GetUtcNow()));
        var moved = await orders.ApplyStatusAsync(db, order, OrderStatus.Closed, cancellationToken);
        return moved.Succeeded ? await orders.SaveChangeAsync(db, order, LiveEventKind.ReportChanged, cancellationToken) : moved;
    }

    /// <summary>The dispatcher sends the work back with a comment the executor sees at once.</summary>
    public async Task<Result> ReturnAsync(Guid orderId, string comment, CancellationToken cancellationToken = default)
    {
        OrderAccess.RequireOffice(currentUser);
        comment = comment?.Trim() ?? "";
        if (comment.Length == 0 || comment.Length > MaxComment)
        {
            return Result.Failure(comment.Length == 0 ? ReportErrors.CommentRequired : ReportErrors.TextTooLong);
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var order = await LoadOrderAsync(db, orderId, cancellationToken);
        var report = await LoadReportAsync(db, orderId, tracked: true, cancellationToken);
        if (report?.Status != ReportStatus.Submitted)
        {
            return Result.Failure(ReportErrors.NotSubmitted);
        }

        report.Status = ReportStatus.Returned;
        report.ReturnComment = comment;
        Notifications.Outbox.Enqueue(db, report.AuthorId, "report", orderId, Notifications.NotificationTexts.ReportReturned(order.Number, comment),
            $"returned:{orderId:N}:{time.GetUtcNow().UtcTicks}", time.GetUtcNow());
        order.Events.Add(OrderService.Event(orderId, OrderEventKind.ReportReturned, comment.Length > 500 ? comment[..500] : comment, time.GetUtcNow()));
        var moved = await orders.ApplyStatusAsync(db, order, OrderStatus.Rework, cancellationToken);
        return moved.Succeeded ? await orders.SaveChangeAsync(db, order, LiveEventKind.ReportChanged, cancellationToken) : moved;
    }

    /// <summary>A photo's file for someone who may see its order; <see cref="NotFoundException"/> for everyone else.</summary>
    public async Task<(Stream Content, string ContentType)> OpenPhotoAsync(Guid photoId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var photo = await (from p in db.ReportPhotos
                           join r in db.Reports on p.ReportId equals r.Id
                           where p.Id == photoId && OrderAccess.Visible(db, currentUser).Any(o => o.Id == r.OrderId)
                           select new { p.StoredName, p.ContentType })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Photo", photoId);
        var stream = photos.OpenRead(photo.StoredName) ?? throw new NotFoundException("Photo", photoId);
        return (stream, photo.ContentType);
    }

    private async Task<Order> LoadOrderAsync(IMaxmontajDb db, Guid orderId, CancellationToken cancellationToken) =>
        await OrderAccess.Visible(db, currentUser).Include(o => o.Assignments).Include(o => o.WorkType)
            .SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken) ?? throw new NotFoundException("Order", orderId);

    private static async Task<Report?> LoadReportAsync(IMaxmontajDb db, Guid orderId, bool tracked, CancellationToken cancellationToken)
    {
        var reports = db.Reports.Include(r => r.Materials).Include(r => r.Checks).Include(r => r.Photos).Include(r => r.Openings);
        return await (tracked ? reports : reports.AsNoTracking()).SingleOrDefaultAsync(r => r.OrderId == orderId, cancellationToken);
    }

    private Report NewReport(IMaxmontajDb db, Guid orderId)
    {
        var report = new Report { Id = Guid.CreateVersion7(), OrderId = orderId, AuthorId = currentUser.UserId!.Value, Status = ReportStatus.Draft };
        db.Reports.Add(report);
        return report;
    }

    /// <summary>Only the lead or the specialist writes the report, while the job is open and the report is not with the dispatcher.</summary>
    private bool CanEdit(Order order, Report? report) =>
        order.Assignments.Any(a => a.UserId == currentUser.UserId && a.Role != AssignmentRole.Helper)
        && Workable.Contains(order.Status)
        && report?.Status is null or ReportStatus.Draft or ReportStatus.Returned;

    private static bool IsMeasurement(Order order) => order.WorkType?.Code == "measurement";

    private static List<Error> ValidateShape(ReportDraft draft)
    {
        var errors = new List<Error>();
        if (draft.WorkDone?.Length > MaxText)
        {
            errors.Add(ReportErrors.TextTooLong);
        }

        if (draft.TimeSpentMinutes is < 0 or > 60 * 24 * 14)
        {
            errors.Add(ReportErrors.TimeInvalid);
        }

        if (draft.Materials.Count > 100 || draft.Materials.Any(m => m.Name.Length > 200 || m.Unit.Length > 20 || m.Quantity < 0))
        {
            errors.Add(ReportErrors.MaterialInvalid);
        }

        if (draft.Openings.Count > 100 || draft.Openings.Any(o => o.Label.Length > 100 || o.WidthMm is < 0 or > 20000 || o.HeightMm is < 0 or > 20000 || o.Notes?.Length > 500))
        {
            errors.Add(ReportErrors.OpeningInvalid);
        }

        if (draft.PriceEstimate < 0)
        {
            errors.Add(ReportErrors.PriceRequired);
        }

        return errors;
    }

    private static async Task<List<Error>> ValidateCompleteAsync(IMaxmontajDb db, Order order, Report report, CancellationToken cancellationToken)
    {
        var errors = new List<Error>();
        if (IsMeasurement(order))
        {
            if (report.Openings.Count == 0)
            {
                errors.Add(ReportErrors.OpeningsRequired);
            }
            else if (report.Openings.Any(o => o.WidthMm <= 0 || o.HeightMm <= 0 || o.Label.Length == 0))
            {
                errors.Add(ReportErrors.OpeningInvalid);
            }

            if (report.PriceEstimate is null)
            {
                errors.Add(ReportErrors.PriceRequired);
            }
        }
        else if (string.IsNullOrWhiteSpace(report.WorkDone))
        {
            errors.Add(ReportErrors.WorkDoneRequired);
        }

        if (report.Materials.Any(m => m.Name.Trim().Length == 0 || m.Unit.Trim().Length == 0 || m.Quantity <= 0))
        {
            errors.Add(ReportErrors.MaterialInvalid);
        }

        var items = await db.ChecklistItems.AsNoTracking().Where(c => c.WorkTypeId == order.WorkTypeId && c.IsActive)
            .OrderBy(c => c.SortOrder).ToListAsync(cancellationToken);
        foreach (var item in items)
        {
            if (report.Checks.All(c => c.ChecklistItemId != item.Id))
            {
                errors.Add(ReportErrors.ItemMissing(item.Text));
            }
            else if (item.RequiresPhoto && report.Photos.All(p => p.ChecklistItemId != item.Id))
            {
                errors.Add(ReportErrors.PhotoMissing(item.Text));
            }
        }

        return errors;
    }

    private static void Apply(ReportDraft draft, Report report)
    {
        report.WorkDone = string.IsNullOrWhiteSpace(draft.WorkDone) ? null : draft.WorkDone.Trim();
        report.TimeSpentMinutes = draft.TimeSpentMinutes;
        report.PriceEstimate = draft.PriceEstimate;
        report.Materials.Clear();
        report.Materials.AddRange(draft.Materials.Select(m => new ReportMaterial { ReportId = report.Id, Name = m.Name.Trim(), Quantity = m.Quantity, Unit = m.Unit.Trim() }));
        var wanted = draft.CheckedItems.Distinct().ToHashSet();
        report.Checks.RemoveAll(c => !wanted.Contains(c.ChecklistItemId));
        report.Checks.AddRange(wanted.Where(id => report.Checks.All(c => c.ChecklistItemId != id)).Select(id => new ReportCheck { ReportId = report.Id, ChecklistItemId = id }));
        report.Openings.Clear();
        report.Openings.AddRange(draft.Openings.Select(o => new MeasurementOpening { ReportId = report.Id, Label = o.Label.Trim(), WidthMm = o.WidthMm, HeightMm = o.HeightMm, Notes = o.Notes?.Trim() }));
    }

    private async Task<ReportView> ViewAsync(IMaxmontajDb db, Order order, Report? report, CancellationToken cancellationToken)
    {
        var items = await db.ChecklistItems.AsNoTracking().Where(c => c.WorkTypeId == order.WorkTypeId && c.IsActive)
            .OrderBy(c => c.SortOrder).ToListAsync(cancellationToken);
        var author = report is null ? null : await db.Users.Where(u => u.Id == report.AuthorId).Select(u => u.FullName).FirstOrDefaultAsync(cancellationToken);
        return new ReportView(
            order.Id,
            IsMeasurement(order),
            report?.Status ?? ReportStatus.Draft,
            report?.WorkDone,
            report?.TimeSpentMinutes,
            report?.PriceEstimate,
            report?.ReturnComment,
            report?.Materials.OrderBy(m => m.Id).Select(m => new MaterialLine(m.Name, m.Quantity, m.Unit)).ToList() ?? [],
            items.Select(i => new ChecklistLine(i.Id, i.Text, i.RequiresPhoto, report?.Checks.Any(c => c.ChecklistItemId == i.Id) == true)).ToList(),
            report?.Photos.OrderBy(p => p.UploadedAt).Select(p => new PhotoLine(p.Id, p.ChecklistItemId, p.OriginalName)).ToList() ?? [],
            report?.Openings.OrderBy(o => o.Id).Select(o => new OpeningLine(o.Label, o.WidthMm, o.HeightMm, o.Notes)).ToList() ?? [],
            CanEdit(order, report),
            OrderAccess.IsOffice(currentUser) && report?.Status == ReportStatus.Submitted,
            author,
            report?.SubmittedAt);
    }
}

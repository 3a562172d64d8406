using Maxmontaj.Core.Assignment;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Live;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Reports;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Tests.Data;

/// <summary>The executor's job flow and the completion report, with the dispatcher's review.</summary>
public abstract class JobAndReportTests : OrderTestBase
{
    private const int FoamItem = 1;      // "Монтажная пена и герметик нанесены", needs a photo
    private const int SashItem = 2;      // "Створки отрегулированы"

    private JobService Jobs => Db.Get<JobService>();
    private ReportService Reports => Db.Get<ReportService>();

    private async Task<(Guid Order, Guid Fitter)> StartedJobAsync(int workType = WindowInstall)
    {
        var fitter = workType == Measurement
            ? await PersonAsync(Roles.Specialist, "Пётр Замерщик", skills: Measurement)
            : await PersonAsync(Roles.Executor, "Иван Монтажник", skills: WindowInstall);
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder(workType, Tomorrow(10)));
        await Assignment.AssignAsync(id, fitter, workType == Measurement ? AssignmentRole.Specialist : AssignmentRole.Lead);
        await Orders.ChangeStatusAsync(id, OrderStatus.Scheduled);
        As(fitter, workType == Measurement ? Roles.Specialist : Roles.Executor);
        Assert.True((await Jobs.AcceptAsync(id)).Succeeded);
        Assert.True((await Jobs.OnTheWayAsync(id)).Succeeded);
        Assert.True((await Orders.ChangeStatusAsync(id, OrderStatus.InProgress)).Succeeded);
        return (id, fitter);
    }

    private int StoredPhotos() =>
        Directory.Exists(Path.Combine(Db.Folder, "photos")) ? Directory.GetFiles(Path.Combine(Db.Folder, "photos"), "*", SearchOption.AllDirectories).Length : 0;

    [Fact]
    public async Task Accepting_going_and_starting_are_on_the_timeline()
    {
        var (id, _) = await StartedJobAsync();

        var kinds = (await Orders.GetAsync(id)).Timeline.Select(t => t.Kind).ToList();

        Assert.Equal([OrderEventKind.Accepted, OrderEventKind.OnTheWay, OrderEventKind.StatusChanged], kinds.TakeLast(3));
        Assert.Equal([OrderErrors.AlreadyAnswered], (await Jobs.AcceptAsync(id)).Errors);
    }

    [Fact]
    public async Task Declining_needs_a_reason_returns_the_order_to_the_dispatcher_and_flags_it()
    {
        var fitter = await PersonAsync(Roles.Executor, "Иван", skills: WindowInstall);
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));
        await Assignment.AssignAsync(id, fitter, AssignmentRole.Lead);
        var (events, subscription) = Record(LiveTopics.AllOrders);
        using var _ = subscription;
        As(fitter, Roles.Executor);

        var empty = await Jobs.DeclineAsync(id, "  ");
        var declined = await Jobs.DeclineAsync(id, "Заболел");

        Assert.Equal([OrderErrors.ReasonRequired], empty.Errors);
        Assert.True(declined.Succeeded);
        await Assert.ThrowsAsync<NotFoundException>(() => Orders.GetAsync(id));
        Assert.Single(await EventuallyAsync(events, 1));
        AsDispatcher();
        var board = await Queries.BoardAsync(null, null);
        Assert.Empty((await Orders.GetAsync(id)).People);
        await using var db = Db.NewContext();
        Assert.Equal("Заболел", (await db.Orders.SingleAsync(o => o.Id == id)).DeclineReason);
        Assert.Contains(board, o => o.Id == id);
    }

    [Fact]
    public async Task A_draft_is_saved_as_typed_and_read_back()
    {
        var (id, _) = await StartedJobAsync();

        var saved = await Reports.SaveDraftAsync(id, new ReportDraft
        {
            WorkDone = "Установлены два окна",
            TimeSpentMinutes = 150,
            Materials = [new MaterialLine("Пена монтажная", 2, "баллон")],
            CheckedItems = [SashItem],
        });

        Assert.True(saved.Succeeded);
        var report = await Reports.GetAsync(id);
        Assert.Equal(("Установлены два окна", 150, ReportStatus.Draft), (report.WorkDone, report.TimeSpentMinutes, report.Status));
        Assert.Equal([new MaterialLine("Пена монтажная", 2, "баллон")], report.Materials);
        Assert.Equal([false, true], report.Checklist.Select(c => c.Done));
        Assert.True(report.CanEdit);
    }

    [Fact]
    public async Task A_report_missing_a_checklist_item_or_its_photo_cannot_be_submitted_and_says_which()
    {
        var (id, _) = await StartedJobAsync();
        await Reports.SaveDraftAsync(id, new ReportDraft { WorkDone = "Готово", CheckedItems = [FoamItem] });

        var withoutSash = await Reports.SubmitAsync(id);
        await Reports.SaveDraftAsync(id, new ReportDraft { WorkDone = "Готово", CheckedItems = [FoamItem, SashItem] });
        var withoutPhoto = await Reports.SubmitAsync(id);

        Assert.Equal([ReportErrors.PhotoMissing("Монтажная пена и герметик нанесены"), ReportErrors.ItemMissing("Створки отрегулированы")], withoutSash.Errors);
        Assert.Equal([ReportErrors.PhotoMissing("Монтажная пена и герметик нанесены")], withoutPhoto.Errors);
        Assert.Equal(OrderStatus.InProgress, (await Orders.GetAsync(id)).Status);
    }

    [Fact]
    public async Task Disguised_files_and_an_eleventh_photo_are_refused_and_nothing_is_stored()
    {
        var (id, _) = await StartedJobAsync();

        var script = await Reports.AddPhotoAsync(id, "<script>alert(1)</script>"u8.ToArray(), "photo.jpg", null);
        var truncated = await Reports.AddPhotoAsync(id, TestImages.Png()[..^4], "photo.png", null);
        Assert.Equal(0, StoredPhotos());
        for (var i = 0; i < PhotoInspector.MaxPerReport; i++)
        {
            Assert.True((await Reports.AddPhotoAsync(id, i % 2 == 0 ? TestImages.WebP() : TestImages.Png(), $"p{i}.webp", null)).Succeeded);
        }

        var eleventh = await Reports.AddPhotoAsync(id, TestImages.Jpeg(), "p10.jpg", null);

        Assert.Equal(PhotoInspector.NotAnImage, Assert.Single(script.Errors).Code);
        Assert.Equal(PhotoInspector.Truncated, Assert.Single(truncated.Errors).Code);
        Assert.Equal(PhotoInspector.TooMany, Assert.Single(eleventh.Errors).Code);
        Assert.Equal(10, StoredPhotos());
        Assert.Equal(10, (await Reports.GetAsync(id)).Photos.Count);
    }

    [Fact]
    public async Task Submit_return_with_a_comment_fix_and_accept_closes_the_order()
    {
        var (id, fitter) = await StartedJobAsync();
        await Reports.SaveDraftAsync(id, new ReportDraft { WorkDone = "Готово", CheckedItems = [FoamItem, SashItem] });
        await Reports.AddPhotoAsync(id, TestImages.Jpeg(), "foam.jpg", FoamItem);
        Assert.True((await Reports.SubmitAsync(id)).Succeeded);
        Assert.Equal([ReportErrors.NotEditable], (await Reports.SaveDraftAsync(id, new ReportDraft { WorkDone = "поздно" })).Errors);

        AsDispatcher();
        Assert.Equal([ReportErrors.CommentRequired], (await Reports.ReturnAsync(id, " ")).Errors);
        Assert.True((await Reports.ReturnAsync(id, "Нет фото откосов")).Succeeded);
        As(fitter, Roles.Executor);
        var returned = await Reports.GetAsync(id);
        Assert.Equal(("Нет фото откосов", ReportStatus.Returned, OrderStatus.Rework), (returned.ReturnComment, returned.Status, (await Orders.GetAsync(id)).Status));
        Assert.True((await Orders.ChangeStatusAsync(id, OrderStatus.InProgress)).Succeeded);
        await Reports.AddPhotoAsync(id, TestImages.Png(), "slopes.png", null);
        Assert.True((await Reports.SubmitAsync(id)).Succeeded);

        AsDispatcher();
        var review = await Reports.GetAsync(id);
        Assert.True(review.CanReview);
        Assert.Equal(2, review.Photos.Count);
        Assert.True((await Reports.AcceptAsync(id)).Succeeded);
        Assert.Equal(OrderStatus.Closed, (await Orders.GetAsync(id)).Status);
        Assert.Equal(ReportStatus.Accepted, (await Reports.GetAsync(id)).Status);
    }

    [Fact]
    public async Task A_plain_status_change_cannot_rework_or_close_an_order_whose_report_waits_for_review()
    {
        var (id, fitter) = await StartedJobAsync();
        await Reports.SaveDraftAsync(id, new ReportDraft { WorkDone = "Готово", CheckedItems = [FoamItem, SashItem] });
        await Reports.AddPhotoAsync(id, TestImages.Jpeg(), "foam.jpg", FoamItem);
        Assert.True((await Reports.SubmitAsync(id)).Succeeded);
        AsDispatcher();

        var rework = await Orders.ChangeStatusAsync(id, OrderStatus.Rework);
        var close = await Orders.ChangeStatusAsync(id, OrderStatus.Closed);

        Assert.Equal([OrderErrors.ReviewRequired], rework.Errors);
        Assert.Equal([OrderErrors.ReviewRequired], close.Errors);
        var details = await Orders.GetAsync(id);
        Assert.Equal(OrderStatus.Completed, details.Status);
        Assert.DoesNotContain(OrderStatus.Rework, details.AllowedTransitions);
        Assert.DoesNotContain(OrderStatus.Closed, details.AllowedTransitions);
        Assert.Equal(ReportStatus.Submitted, (await Reports.GetAsync(id)).Status);

        // The review still works, and leaves the executor able to fix and resubmit.
        Assert.True((await Reports.ReturnAsync(id, "Нет фото откосов")).Succeeded);
        As(fitter, Roles.Executor);
        Assert.True((await Reports.SaveDraftAsync(id, new ReportDraft { WorkDone = "Готово, откосы сняты", CheckedItems = [FoamItem, SashItem] })).Succeeded);
        Assert.True((await Orders.ChangeStatusAsync(id, OrderStatus.InProgress)).Succeeded);
        Assert.True((await Reports.SubmitAsync(id)).Succeeded);
        AsDispatcher();
        Assert.True((await Reports.AcceptAsync(id)).Succeeded);
        Assert.Equal((OrderStatus.Closed, ReportStatus.Accepted), ((await Orders.GetAsync(id)).Status, (await Reports.GetAsync(id)).Status));
    }

    [Fact]
    public async Task Without_a_submitted_report_the_office_still_closes_a_completed_order_by_status()
    {
        var fitter = await PersonAsync(Roles.Executor, "Иван", skills: WindowInstall);
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));
        await Assignment.AssignAsync(id, fitter, AssignmentRole.Lead);
        await Orders.ChangeStatusAsync(id, OrderStatus.InProgress);
        await Orders.ChangeStatusAsync(id, OrderStatus.Completed);

        Assert.Contains(OrderStatus.Closed, (await Orders.GetAsync(id)).AllowedTransitions);
        Assert.True((await Orders.ChangeStatusAsync(id, OrderStatus.Closed)).Succeeded);
    }

    [Fact]
    public async Task The_job_service_allows_only_what_the_job_page_offers()
    {
        var fitter = await PersonAsync(Roles.Executor, "Иван", skills: WindowInstall);
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));
        await Assignment.AssignAsync(id, fitter, AssignmentRole.Lead);
        As(fitter, Roles.Executor);

        Assert.Equal([OrderErrors.TransitionForbidden], (await Jobs.OnTheWayAsync(id)).Errors);
        Assert.Equal(new JobActions(true, true, false, false, false, false, JobWait.None), (await Orders.GetAsync(id)).MyJob);
        Assert.True((await Jobs.AcceptAsync(id)).Succeeded);
        Assert.Equal([OrderErrors.AlreadyAnswered], (await Jobs.DeclineAsync(id, "Передумал")).Errors);
        Assert.True((await Jobs.OnTheWayAsync(id)).Succeeded);
        Assert.Equal([OrderErrors.TransitionForbidden], (await Jobs.OnTheWayAsync(id)).Errors);
        Assert.Equal(new JobActions(false, false, false, true, false, false, JobWait.None), (await Orders.GetAsync(id)).MyJob);
    }

    [Fact]
    public async Task A_measurement_report_records_openings_and_a_price_the_dispatcher_sees()
    {
        var (id, _) = await StartedJobAsync(Measurement);

        var empty = await Reports.SubmitAsync(id);
        await Reports.SaveDraftAsync(id, new ReportDraft
        {
            Openings = [new OpeningLine("Кухня", 1200, 1400, "Подоконник 300 мм"), new OpeningLine("Спальня", 900, 1400, null)],
            PriceEstimate = 48000m,
        });
        var submitted = await Reports.SubmitAsync(id);

        Assert.Equal([ReportErrors.OpeningsRequired, ReportErrors.PriceRequired], empty.Errors);
        Assert.True(submitted.Succeeded);
        AsDispatcher();
        var report = await Reports.GetAsync(id);
        Assert.Equal(["Кухня", "Спальня"], report.Openings.Select(o => o.Label));
        Assert.Equal(48000m, (await Orders.GetAsync(id)).Fields.PriceEstimate);
    }

    [Fact]
    public async Task Another_executor_sees_nothing_of_the_report_or_its_photos()
    {
        var (id, _) = await StartedJobAsync();
        var photo = (await Reports.AddPhotoAsync(id, TestImages.Jpeg(), "foam.jpg", FoamItem)).Value;
        var stranger = await PersonAsync(Roles.Executor, "Чужой", skills: WindowInstall);
        As(stranger, Roles.Executor);

        await Assert.ThrowsAsync<NotFoundException>(() => Reports.GetAsync(id));
        await Assert.ThrowsAsync<NotFoundException>(() => Reports.OpenPhotoAsync(photo));
        await Assert.ThrowsAsync<NotFoundException>(() => Reports.SaveDraftAsync(id, new ReportDraft()));
        await Assert.ThrowsAsync<NotFoundException>(() => Jobs.AcceptAsync(id));
        AsDispatcher();
        var (content, type) = await Reports.OpenPhotoAsync(photo);
        await using (content)
        {
            Assert.Equal("image/jpeg", type);
        }
    }
}

[Trait("Category", "Sqlite")]
public sealed class JobAndReportTests_Sqlite : JobAndReportTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class JobAndReportTests_MariaDb : JobAndReportTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

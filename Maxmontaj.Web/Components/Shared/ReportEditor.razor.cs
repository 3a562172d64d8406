using Maxmontaj.Core.Common;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Reports;
using Maxmontaj.Web.Errors;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace Maxmontaj.Web.Components.Shared;

/// <summary>
/// The executor's report: every change is saved as a draft a moment later, so a dropped connection or a closed tab loses
/// nothing; photos upload one by one and a failed upload can be retried.
/// </summary>
public partial class ReportEditor
{
    private ReportView? _report;
    private ReportDraft _draft = new();
    private IReadOnlyList<string> _errors = [];
    private readonly List<FailedUpload> _failed = [];
    private string _saveState = "";
    private bool _busy;
    private CancellationTokenSource? _pendingSave;
    private bool _unsaved;

    [Parameter, EditorRequired]
    public Guid OrderId { get; set; }

    /// <summary>The order is in progress: the report can be submitted.</summary>
    [Parameter]
    public bool Submittable { get; set; }

    [Parameter]
    public EventCallback Submitted { get; set; }

    /// <summary>The order's status: when it changes (returned for rework, accepted) the report is read again.</summary>
    [Parameter]
    public OrderStatus Status { get; set; }

    private OrderStatus? _loadedFor;

    private sealed record FailedUpload(IBrowserFile File, string Name, string Message, int? ItemId, bool Retry);

    protected override async Task OnParametersSetAsync()
    {
        // The prerender shows a skeleton and reads nothing; the circuit reads the data once (ADR 0013).
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        if (_report is null || _report.OrderId != OrderId || _loadedFor != Status)
        {
            _loadedFor = Status;
            await LoadAsync();
        }
    }

    /// <summary>Re-reads the report, after the dispatcher returned it for instance.</summary>
    public async Task LoadAsync()
    {
        _report = await Reports.GetAsync(OrderId);
        _draft = new ReportDraft
        {
            WorkDone = _report.WorkDone,
            TimeSpentMinutes = _report.TimeSpentMinutes,
            PriceEstimate = _report.PriceEstimate,
            Materials = [.. _report.Materials],
            CheckedItems = _report.Checklist.Where(c => c.Done).Select(c => c.ItemId).ToList(),
            Openings = [.. _report.Openings],
        };
    }

    private void Change(Action change)
    {
        change();
        ScheduleSave();
    }

    private void SetMaterial(int index, MaterialLine line) => Change(() => _draft.Materials[index] = line);

    private void AddMaterial() => _draft.Materials.Add(new MaterialLine("", 1, L["Report.DefaultUnit"]));

    private void RemoveMaterial(int index) => Change(() => _draft.Materials.RemoveAt(index));

    private void SetOpening(int index, OpeningLine line) => Change(() => _draft.Openings[index] = line);

    private void AddOpening() => _draft.Openings.Add(new OpeningLine($"{L["Report.Opening"]} {_draft.Openings.Count + 1}", 0, 0, null));

    private void RemoveOpening(int index) => Change(() => _draft.Openings.RemoveAt(index));

    private void Toggle(int itemId, bool done) => Change(() =>
    {
        _draft.CheckedItems.Remove(itemId);
        if (done)
        {
            _draft.CheckedItems.Add(itemId);
        }
    });

    /// <summary>Saves shortly after the last change, so typing does not hit the database on every key (and at once when the page closes).</summary>
    private void ScheduleSave()
    {
        _unsaved = true;
        _pendingSave?.Cancel();
        _pendingSave = new CancellationTokenSource();
        var token = _pendingSave.Token;
        _saveState = L["Report.Saving"];
        _ = Task.Delay(500, token).ContinueWith(_ => InvokeAsync(SaveDraftAsync), token, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    private async Task SaveDraftAsync()
    {
        _unsaved = false;
        var result = await Actions.RunAsync(() => Reports.SaveDraftAsync(OrderId, _draft), inline: true);
        _saveState = result.Succeeded ? L["Report.Saved"] : Errors.For(result.Errors);

        StateHasChanged();
    }

    private async Task UploadAsync(IReadOnlyList<IBrowserFile>? files, int? itemId)
    {
        foreach (var file in files ?? [])
        {
            _failed.RemoveAll(f => f.File == file);
            try
            {
                var bytes = await PhotoUpload.ReadAsync(file);
                var result = await Actions.RunAsync(() => Reports.AddPhotoAsync(OrderId, bytes, file.Name, itemId), inline: true);
                if (!result.Succeeded)
                {
                    _failed.Add(new FailedUpload(file, file.Name, Errors.For(result.Errors), itemId,
                        Retry: result.Errors.Any(e => e.Code == UiFailures.Unavailable)));
                }
            }
            catch (IOException)
            {
                var tooLarge = file.Size > PhotoInspector.MaxBytes;
                _failed.Add(new FailedUpload(file, file.Name,
                    tooLarge ? Errors.For(new Error(PhotoInspector.TooLarge)) : L["Report.UploadFailed"], itemId, Retry: !tooLarge));
            }
        }

        await ReloadKeepingDraftAsync();
    }

    private async Task RemovePhotoAsync(Guid photoId)
    {
        await Actions.RunAsync(() => Reports.RemovePhotoAsync(OrderId, photoId));
        await ReloadKeepingDraftAsync();
    }

    private async Task RemoveItemPhotosAsync(int itemId)
    {
        foreach (var photo in _report?.Photos.Where(p => p.ChecklistItemId == itemId).ToList() ?? [])
        {
            await Actions.RunAsync(() => Reports.RemovePhotoAsync(OrderId, photo.Id));
        }

        await ReloadKeepingDraftAsync();
    }

    /// <summary>Re-reads the photos and checklist after an upload or removal; the edits being typed stay as they are.</summary>
    private async Task ReloadKeepingDraftAsync()
    {
        var saved = _draft;
        await Actions.RunAsync(LoadAsync);
        _draft = saved;
    }

    private async Task SubmitAsync()
    {
        _busy = true;
        _pendingSave?.Cancel();
        _unsaved = false;
        var saved = await Actions.RunAsync(() => Reports.SaveDraftAsync(OrderId, _draft), inline: true);
        var result = saved.Succeeded ? await Actions.RunAsync(() => Reports.SubmitAsync(OrderId), inline: true) : saved;
        _busy = false;
        _errors = result.Errors.Select(Errors.For).ToList();
        if (result.Succeeded)
        {
            Snackbar.Add(L["Report.SubmittedMessage"], Severity.Success);
            await Actions.RunAsync(LoadAsync);
            await Submitted.InvokeAsync();
        }
    }

    /// <summary>Leaving the page (or closing it, when the circuit ends) saves what the last half second of typing changed.</summary>
    public async ValueTask DisposeAsync()
    {
        _pendingSave?.Cancel();
        _pendingSave?.Dispose();
        if (!_unsaved)
        {
            return;
        }

        _unsaved = false;
        try
        {
            await Reports.SaveDraftAsync(OrderId, _draft);
        }
        catch (Exception exception)
        {
            // Nobody is left to tell; the log keeps it.
            Actions.Log(exception, "Saving the report draft on close");
        }
    }
}

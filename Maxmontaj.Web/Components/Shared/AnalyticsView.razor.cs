using Maxmontaj.Core.Analytics;
using Maxmontaj.Core.Live;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using MudBlazor;

namespace Maxmontaj.Web.Components.Shared;

/// <summary>The analytics dashboard: period and filters, KPI cards against the previous period, charts and the staff report.</summary>
public partial class AnalyticsView
{
    private PeriodPreset _preset = PeriodPreset.Month;
    private DateRange? _range;
    private int? _workTypeId;
    private Guid? _personId;
    private AnalyticsFilter _filter = default!;
    private AnalyticsDashboard? _dashboard;
    private string? _error;
    private IReadOnlyList<WorkTypeOption> _workTypes = [];
    private IReadOnlyList<UserListItem> _people = [];

    private List<ChartSeries<double>> _perDay = [];
    private string[] _dayLabels = [];
    private string[] _days = [];
    private List<ChartSeries<double>> _byStatus = [];
    private string[] _statusLabels = [];
    private List<ChartSeries<double>> _byType = [];
    private string[] _typeLabels = [];
    private List<ChartSeries<double>> _leadTimes = [];
    private string[] _leadLabels = [];
    private List<ChartSeries<double>> _rating = [];
    private string[] _ratingLabels = [];

    /// <summary>KPI cards follow order changes live, but no more than once every few seconds per screen.</summary>
    protected override TimeSpan MinimumReloadInterval => TimeSpan.FromSeconds(5);

    protected override async Task OnInitializedAsync()
    {
        _filter = FilterFor(_preset);
        // The prerender shows a skeleton and reads nothing; the circuit reads the data once (ADR 0013).
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        _workTypes = await Directory.WorkTypesAsync();
        var executors = await Directory.ListAsync(new UserListQuery(Role: Roles.Executor, PageSize: 100));
        var specialists = await Directory.ListAsync(new UserListQuery(Role: Roles.Specialist, PageSize: 100));
        _people = [.. executors.Items, .. specialists.Items];
        await ReloadAsync();
        Subscribe(LiveTopics.AllOrders);
    }

    protected override async Task ReloadAsync()
    {
        var result = await Analytics.DashboardAsync(_filter);
        _error = result.Succeeded ? null : Errors.For(result.Errors);
        _dashboard = result.Value;
        if (_dashboard is { } d)
        {
            var step = Math.Max(1, d.PerDay.Count / 10);
            _dayLabels = d.PerDay.Select((p, i) => i % step == 0 ? p.Day.ToString("dd.MM") : "").ToArray();
            _days = d.PerDay.Select(p => p.Day.ToString("dd.MM")).ToArray();
            _perDay =
            [
                Series(L["Chart.Created"], d.PerDay.Select(p => (double)p.Created)),
                Series(L["Chart.Completed"], d.PerDay.Select(p => (double)p.Completed)),
            ];
            _statusLabels = d.ByStatus.Select(s => L[$"OrderStatus.{s.Status}"].Value).ToArray();
            _byStatus = [Series(L["Chart.Orders"], d.ByStatus.Select(s => (double)s.Count))];
            _typeLabels = d.ByWorkType.Select(t => t.WorkType).ToArray();
            _byType = [Series(L["Chart.Orders"], d.ByWorkType.Select(t => (double)t.Count))];
            _leadLabels = d.LeadTimes.Select(b => L[$"Chart.LeadBucket.{b.Bucket}"].Value).ToArray();
            _leadTimes = [Series(L["Chart.Orders"], d.LeadTimes.Select(b => (double)b.Count))];
            _ratingLabels = d.RatingTrend.Select(r => r.Day.ToString("dd.MM")).ToArray();
            _rating = [Series(L["Kpi.Rating"], d.RatingTrend.Select(r => r.Average))];
        }
    }

    private static ChartSeries<double> Series(string name, IEnumerable<double> values) =>
        new() { Name = name, Data = new ChartData<double>(values.ToList()) };

    /// <summary>The period's days are Core's arithmetic (<see cref="AnalyticsPeriod"/>); the page passes the choices.</summary>
    private AnalyticsFilter FilterFor(PeriodPreset preset) =>
        AnalyticsPeriod.Of(preset, Time, Calendar,
            _range?.Start is { } start ? DateOnly.FromDateTime(start) : null,
            _range?.End is { } end ? DateOnly.FromDateTime(end) : null).Filter(_workTypeId, _personId);

    private async Task OnPresetChanged(PeriodPreset preset)
    {
        _preset = preset;
        if (preset == PeriodPreset.Custom)
        {
            _range = new DateRange(_filter.From.ToDateTime(TimeOnly.MinValue), _filter.To.ToDateTime(TimeOnly.MinValue));
        }

        await ApplyAsync();
    }

    private async Task OnRangeChanged(DateRange? range)
    {
        _range = range;
        await ApplyAsync();
    }

    private async Task OnWorkTypeChanged(int? id)
    {
        _workTypeId = id;
        await ApplyAsync();
    }

    private async Task OnPersonChanged(Guid? id)
    {
        _personId = id;
        await ApplyAsync();
    }

    private async Task ApplyAsync()
    {
        _filter = FilterFor(_preset);
        await RefreshAsync();
    }
}

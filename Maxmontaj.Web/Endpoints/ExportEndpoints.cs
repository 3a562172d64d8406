using Maxmontaj.Core.Analytics;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Maxmontaj.Web.Exports;
using Maxmontaj.Web.Localization;
using Maxmontaj.Web.Security;
using Microsoft.Extensions.Localization;

namespace Maxmontaj.Web.Endpoints;

/// <summary>CSV and XLSX downloads of the staff report and of the order list with the screen's filters; office only.</summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var exports = endpoints.MapGroup("/exports").RequireAuthorization(AccessPolicies.DispatcherArea);
        exports.MapGet("/staff.{format}", StaffAsync);
        exports.MapGet("/orders.{format}", OrdersAsync);
        return endpoints;
    }

    private static async Task<IResult> StaffAsync(string format, DateOnly from, DateOnly to, int? workTypeId, Guid? personId,
        AnalyticsService analytics, IStringLocalizer<SharedResource> L, ErrorText errors, HttpContext context)
    {
        if (!IsFormat(format))
        {
            return Results.NotFound();
        }

        if (BadPeriod(from, to, L) is { } bad)
        {
            return bad;
        }

        var report = await analytics.StaffReportAsync(new AnalyticsFilter(from, to, workTypeId, personId), context.RequestAborted);
        if (!report.Succeeded)
        {
            return Results.Problem(title: errors.For(report.Errors), statusCode: StatusCodes.Status400BadRequest);
        }

        var money = context.User.IsInRole(Roles.Admin);
        string[] headers =
        [
            L["Staff.Person"], L["Staff.Role"], L["Staff.Jobs"], L["Staff.Hours"], L["Staff.AverageMinutes"], L["Staff.EstimateMinutes"],
            L["Staff.OnTime"], L["Staff.Rework"], L["Staff.Rating"], L["Staff.Reviews"], .. money ? new[] { L["Staff.Revenue"].Value } : [],
        ];
        var rows = report.Value!.Select(r => (object?[])
        [
            r.FullName, L[$"Role.{r.Role}"].Value, r.JobsCompleted, r.HoursOnSite, Round(r.AverageMinutes), Round(r.AverageEstimateMinutes),
            r.OnTimeRate is { } rate ? Math.Round(rate * 100, 1) : null, r.ReworkCount, r.AverageRating, r.Reviews,
            .. money ? new object?[] { r.Revenue } : [],
        ]).ToAsyncEnumerable();
        return Download(format, $"staff-{from:yyyyMMdd}-{to:yyyyMMdd}", headers, rows);
    }

    private static IResult OrdersAsync(string format, string? statuses, int? workTypeId, Guid? personId, DateOnly? from, DateOnly? to, string? text,
        OrderQueries queries, CompanyCalendar calendar, IStringLocalizer<SharedResource> L)
    {
        if (!IsFormat(format))
        {
            return Results.NotFound();
        }

        if (BadPeriod(from, to, L) is { } bad)
        {
            return bad;
        }

        var parsed = new List<OrderStatus>();
        foreach (var name in (statuses ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<OrderStatus>(name, out var status))
            {
                return Results.Problem(title: L["Error.Export.BadStatus"], statusCode: StatusCodes.Status400BadRequest);
            }

            parsed.Add(status);
        }

        var query = new OrderListQuery(parsed, workTypeId, personId,
            from is { } f ? calendar.DayBounds(f).Start : null, to is { } t ? calendar.DayBounds(t).End : null, text,
            SortBy: OrderSortField.Number, SortDescending: false);
        string[] headers =
        [
            L["Orders.Number"], L["Orders.Status"], L["Orders.Customer"], L["Orders.Phone"], L["Orders.Address"], L["Orders.WorkType"],
            L["Orders.Visit"], L["Orders.Lead"], L["Orders.Created"],
        ];
        var rows = Rows(queries.StreamAsync(query), calendar, L);
        return Download(format, "orders", headers, rows);
    }

    private static async IAsyncEnumerable<object?[]> Rows(IAsyncEnumerable<OrderListItem> orders, CompanyCalendar calendar, IStringLocalizer<SharedResource> L)
    {
        await foreach (var o in orders)
        {
            yield return
            [
                o.Number, L[$"OrderStatus.{o.Status}"].Value, o.CustomerName, PhoneFormat.Format(o.ContactPhone), o.Address, o.WorkType,
                o.ScheduledStart is { } s ? calendar.ToLocal(s).ToString("dd.MM.yyyy HH:mm") : "", o.LeadName ?? "",
                calendar.ToLocal(o.CreatedAt).ToString("dd.MM.yyyy HH:mm"),
            ];
        }
    }

    private static IResult Download(string format, string name, IReadOnlyList<string> headers, IAsyncEnumerable<object?[]> rows) =>
        format == "csv"
            ? Results.Stream(stream => TableExport.WriteCsvAsync(stream, headers, rows, CancellationToken.None), TableExport.CsvType, $"{name}.csv")
            : Results.Stream(stream => TableExport.WriteXlsxAsync(stream, headers, rows, CancellationToken.None), TableExport.XlsxType, $"{name}.xlsx");

    private static bool IsFormat(string format) => format is "csv" or "xlsx";

    /// <summary>Days the company calendar can turn into instants: a crafted year 1 or 9999 is a 400, not an overflow.</summary>
    private static readonly DateOnly FirstDay = new(2000, 1, 1), LastDay = new(2099, 12, 31);

    private static IResult? BadPeriod(DateOnly? from, DateOnly? to, IStringLocalizer<SharedResource> L) =>
        from < FirstDay || from > LastDay || to < FirstDay || to > LastDay
            ? Results.Problem(title: L["Error.Export.BadPeriod"], statusCode: StatusCodes.Status400BadRequest)
            : null;

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 1) : null;
}

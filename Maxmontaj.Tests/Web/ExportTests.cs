using System.Net;
using System.Text;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Maxmontaj.Tests.Web;

/// <summary>The exports open and hold the expected rows: XLSX read back with MiniExcel, CSV as text.</summary>
/// <summary>The app with a dispatcher, an executor and three orders he closed in early November 2026.</summary>
public sealed class ExportAppFactory : MaxmontajAppFactory
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var fitter = await CreateUserAsync(Roles.Executor, "export-fitter@example.ru", name: "Фёдор Экспортов", skills: 1);
        await CreateUserAsync(Roles.Dispatcher, "export-dispatcher@example.ru");
        for (var i = 0; i < 3; i++)
        {
            var order = await AddOrderAsync($"Клиент; \"{i}\"");
            var price = 1000m * (i + 1);
            await WithDbAsync(async db =>
            {
                var saved = await db.Orders.SingleAsync(o => o.Id == order.Id);
                (saved.Status, saved.CreatedDay, saved.CompletedDay, saved.ClosedDay, saved.OnSiteMinutes, saved.EstimatedMinutes, saved.StartedOnTime, saved.FinalPrice) =
                    (OrderStatus.Closed, 20261102, 20261103, 20261103, 90, 120, true, price);
                db.OrderAssignments.Add(new OrderAssignment { OrderId = order.Id, UserId = fitter.Id, Role = AssignmentRole.Lead });
            });
        }

        // The only New order: text a spreadsheet would run as formulas.
        var formula = await AddOrderAsync(Formula);
        await WithDbAsync(async db => (await db.Orders.SingleAsync(o => o.Id == formula.Id)).Address.Text = "-2+3");
    }

    public const string Formula = "=HYPERLINK(\"http://evil.example/\",\"Открыть\")";
}

[Trait("Category", "Sqlite")]
public sealed class ExportTests(ExportAppFactory app) : IClassFixture<ExportAppFactory>
{
    [Fact]
    public async Task An_admin_downloads_the_staff_report_as_xlsx_with_russian_headers_and_revenue()
    {
        var client = await SignInForm.SignedInClientAsync(app, TestDatabase.AdminEmail, TestDatabase.AdminPassword);

        var response = await client.GetAsync("/exports/staff.xlsx?from=2026-11-01&to=2026-11-07");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("staff-20261101-20261107.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = file.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal("Фёдор Экспортов", row["Сотрудник"]);
        Assert.Equal(3d, Convert.ToDouble(row["Выполнено работ"]));
        Assert.Equal(4.5d, Convert.ToDouble(row["Часов на объектах"]));
        Assert.Equal(6000d, Convert.ToDouble(row["Выручка, ₽"]));
    }

    [Fact]
    public async Task A_dispatchers_export_has_no_money_column()
    {
        var client = await SignInForm.SignedInClientAsync(app, "export-dispatcher@example.ru");

        using var file = new MemoryStream(await client.GetByteArrayAsync("/exports/staff.xlsx?from=2026-11-01&to=2026-11-07"));

        var row = Assert.Single(file.Query(useHeaderRow: true).Cast<IDictionary<string, object>>());
        Assert.DoesNotContain("Выручка, ₽", row.Keys);
    }

    [Fact]
    public async Task The_order_list_exports_as_csv_with_the_filters_and_escaped_text()
    {
        var client = await SignInForm.SignedInClientAsync(app, "export-dispatcher@example.ru");

        var bytes = await client.GetByteArrayAsync("/exports/orders.csv?statuses=Closed&text=%D0%BA%D0%BB%D0%B8%D0%B5%D0%BD%D1%82");

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(l => l.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.StartsWith("Номер;Статус;Клиент;Телефон;Адрес", lines[0]);
        Assert.Equal(4, lines.Count);
        Assert.Contains("\"Клиент; \"\"0\"\"\"", lines[1]);
        Assert.Contains(";Закрыт;", lines[1]);
    }

    [Fact]
    public async Task Text_that_looks_like_a_formula_is_neutralised_in_the_csv()
    {
        var client = await SignInForm.SignedInClientAsync(app, "export-dispatcher@example.ru");

        var bytes = await client.GetByteArrayAsync("/exports/orders.csv?statuses=New");

        var lines = Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        var fields = lines[1].Split(';');
        Assert.Equal("\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"Открыть\"\")\"", fields[2]);
        Assert.Equal("'+7 910 123-45-67", fields[3]);
        Assert.Equal("'-2+3", fields[4]);
        Assert.StartsWith("2026-", fields[0]);
    }

    [Fact]
    public async Task Text_that_looks_like_a_formula_is_neutralised_in_the_xlsx_cells()
    {
        var client = await SignInForm.SignedInClientAsync(app, "export-dispatcher@example.ru");

        using var file = new MemoryStream(await client.GetByteArrayAsync("/exports/orders.xlsx?statuses=New"));

        var row = Assert.Single(file.Query(useHeaderRow: true).Cast<IDictionary<string, object>>());
        Assert.Equal("'" + ExportAppFactory.Formula, row["Клиент"]);
        Assert.Equal("'+7 910 123-45-67", row["Телефон"]);
        Assert.Equal("'-2+3", row["Адрес"]);
    }

    [Fact]
    public async Task The_order_list_exports_as_xlsx()
    {
        var client = await SignInForm.SignedInClientAsync(app, "export-dispatcher@example.ru");

        using var file = new MemoryStream(await client.GetByteArrayAsync("/exports/orders.xlsx?statuses=Closed"));

        var rows = file.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal("Фёдор Экспортов", r["Исполнитель"]));
    }

    [Theory]
    [InlineData("/exports/staff.xlsx?from=2026-11-07&to=2026-11-01", "Конец периода раньше начала.")]
    [InlineData("/exports/staff.csv?from=2020-01-01&to=2026-11-01", "Период не может быть длиннее трёх лет.")]
    [InlineData("/exports/orders.csv?statuses=Nonsense", "Неизвестный статус в фильтре.")]
    public async Task Bad_filters_get_a_problem_response_in_russian(string url, string title)
    {
        var client = await SignInForm.SignedInClientAsync(app, "export-dispatcher@example.ru");

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(title, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Executors_and_anonymous_visitors_cannot_export()
    {
        var anonymous = await SignInForm.NewClient(app).GetAsync("/exports/orders.csv");
        var executor = await (await SignInForm.SignedInClientAsync(app, "export-fitter@example.ru")).GetAsync("/exports/orders.csv");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, executor.StatusCode);
        Assert.Contains("/account/access-denied", executor.Headers.Location!.OriginalString);
    }
}

using Bunit;
using Maxmontaj.Core.Audit;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Components.Pages.Admin;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Maxmontaj.Tests.Components;

/// <summary>The audit page on a real SQLite database, as an admin sees it in the circuit.</summary>
[Trait("Category", "Sqlite")]
public sealed class AuditLogAdminTests : BunitTestBase
{
    private TestDatabase _db = default!;

    public override async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var audit = _db.Get<IAuditLog>();
        await audit.RecordAsync(AuditKind.SignInFailed, AuditSubjects.User, "failed-subject", new AuditDetails().Set("Reason", "<b>WrongPassword</b>"));
        await audit.RecordAsync(AuditKind.SignedOut, AuditSubjects.User, "signed-out-subject");
        await audit.RecordAsync(AuditKind.WorkTypeChanged, AuditSubjects.WorkType, "7", new AuditDetails().Change("Name", "Окна", "Окна ПВХ"));
        _db.CurrentUser.As(Guid.NewGuid(), Roles.Admin);

        Services.AddSingleton<ICurrentUser>(_db.CurrentUser);
        Services.AddSingleton(_db.Get<AuditQueries>());
        Services.AddSingleton(_db.Get<CompanyCalendar>());
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    protected override async Task DisposeDependenciesAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task The_admin_sees_the_entries_newest_first_and_filters_them_by_kind()
    {
        var popovers = Render<MudPopoverProvider>();
        var page = Render<AuditLogAdmin>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=audit-log] tbody tr").Count));
        Assert.Equal(["Вид работ изменён", "Выход", "Неудачный вход"], page.FindAll("td[data-kind]").Select(td => td.TextContent.Trim()));
        Assert.Contains("Name: Окна → Окна ПВХ", page.Markup);
        // Details are text: markup inside them is shown, not rendered.
        Assert.Contains("Reason: &lt;b&gt;WrongPassword&lt;/b&gt;", page.Markup);

        var kind = page.Find("[data-testid=audit-kind]").QuerySelector(".mud-input-control") ?? page.Find(".mud-select .mud-input-control");
        await page.InvokeAsync(() => kind.MouseDown());
        var signedOut = popovers.WaitForElements(".mud-list-item").First(i => i.TextContent.Trim() == "Выход");
        await popovers.InvokeAsync(() => signedOut.Click());
        await page.InvokeAsync(() => page.FindAll("button").First(b => b.TextContent.Contains("Найти")).Click());

        page.WaitForAssertion(() => Assert.Equal(["Выход"], page.FindAll("td[data-kind]").Select(td => td.TextContent.Trim())));
        Assert.Contains("signed-out-subject", page.Markup);
        Assert.DoesNotContain("failed-subject", page.Markup);
    }
}

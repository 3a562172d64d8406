using Bunit;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Components.Shared;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Maxmontaj.Tests.Components;

/// <summary>The user-management component on a real SQLite database, as a dispatcher sees it.</summary>
[Trait("Category", "Sqlite")]
public sealed class UserManagementTests : BunitTestBase
{
    private TestDatabase _db = default!;

    public override async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _db.CurrentUser.As(Guid.NewGuid(), Roles.Admin);
        var admin = _db.Get<UserAdministrationService>();
        await admin.CreateAsync(new UserEditModel { FullName = "Мария Диспетчер", Email = "disp@example.ru", Roles = [Roles.Dispatcher], Password = "Secret-Pass-123" });
        await admin.CreateAsync(new UserEditModel { FullName = "Иван Монтажник", Email = "ivan@example.ru", Roles = [Roles.Executor], Password = "Secret-Pass-123" });
        _db.CurrentUser.As(Guid.NewGuid(), Roles.Dispatcher);

        Services.AddSingleton<ICurrentUser>(_db.CurrentUser);
        Services.AddSingleton(_db.Get<UserDirectory>());
        Services.AddSingleton(_db.Get<UserAdministrationService>());
    }

    protected override async Task DisposeDependenciesAsync() => await _db.DisposeAsync();

    private IRenderedComponent<MudPopoverProvider> _popovers = default!;
    private IRenderedComponent<MudDialogProvider> _dialogs = default!;

    private IRenderedComponent<UserManagement> RenderPage()
    {
        _popovers = Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        return Render<UserManagement>();
    }

    [Fact]
    public void A_dispatcher_sees_field_staff_and_customers_but_no_admins_or_dispatchers()
    {
        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("Иван Монтажник", page.Markup));
        Assert.Contains("1–1 из 1", page.Markup);
        Assert.DoesNotContain("Мария Диспетчер", page.Markup);
        Assert.DoesNotContain(TestDatabase.AdminEmail, page.Markup);
    }

    [Fact]
    public async Task Creating_a_user_with_a_taken_email_shows_the_error_next_to_the_field_and_saves_nothing()
    {
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Contains("Иван Монтажник", page.Markup));

        await page.InvokeAsync(() => page.FindAll("button").First(b => b.TextContent.Contains("Новый пользователь")).Click());
        _dialogs.WaitForElement(".mud-dialog");
        var inputs = FindInputs();
        await _dialogs.InvokeAsync(() => inputs["Имя"].Change("Пётр Дубль"));
        await _dialogs.InvokeAsync(() => inputs["Email"].Change("ivan@example.ru"));
        await _dialogs.InvokeAsync(() => inputs["Телефон"].Change("8 910 777-66-55"));
        await _dialogs.InvokeAsync(() => inputs["Пароль"].Change("Secret-Pass-123"));
        var roles = _dialogs.FindAll(".mud-dialog .mud-select").First(s => s.TextContent.Contains("Роли"));
        await _dialogs.InvokeAsync(() => roles.QuerySelector(".mud-input-control")!.MouseDown());
        var executor = _popovers.WaitForElements(".mud-list-item").First(i => i.TextContent.Contains("Исполнитель"));
        await _popovers.InvokeAsync(() => executor.Click());
        await _dialogs.InvokeAsync(() => _dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Contains("Сохранить")).Click());

        _dialogs.WaitForAssertion(() => Assert.Contains("Этот email уже занят другим пользователем.", _dialogs.Markup));
        await using var context = _db.NewContext();
        Assert.DoesNotContain(context.Users, u => u.FullName == "Пётр Дубль");
    }

    private Dictionary<string, AngleSharp.Dom.IElement> FindInputs() =>
        _dialogs.FindAll(".mud-dialog .mud-input-control")
            .Where(c => c.QuerySelector("label") is not null && c.QuerySelector("input") is not null)
            .ToDictionary(c => c.QuerySelector("label")!.TextContent.Trim(), c => c.QuerySelector("input")!);
}

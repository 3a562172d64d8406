using Bunit;
using Maxmontaj.Core.Assignment;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Live;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Maxmontaj.Tests.Support;

/// <summary>bunit over a real SQLite database, with the order services and the live hub the components use.</summary>
public abstract class OrderComponentTestBase : BunitTestBase
{
    protected static readonly Guid DispatcherId = Guid.NewGuid();

    protected TestDatabase Db { get; private set; } = default!;
    protected IRenderedComponent<MudPopoverProvider> Popovers { get; private set; } = default!;
    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = default!;
    protected IRenderedComponent<MudSnackbarProvider> Snackbars { get; private set; } = default!;

    public override async Task InitializeAsync()
    {
        Db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        Db.CurrentUser.As(DispatcherId, Roles.Dispatcher);
        Services.AddSingleton<ICurrentUser>(Db.CurrentUser);
        Services.AddSingleton<TimeProvider>(Db.Time);
        Services.AddSingleton(Db.Get<CompanyCalendar>());
        Services.AddSingleton(Db.Get<ILiveEvents>());
        Services.AddSingleton(Db.Get<UserDirectory>());
        Services.AddSingleton(Db.Get<OrderService>());
        Services.AddSingleton(Db.Get<OrderQueries>());
        Services.AddSingleton(Db.Get<BoardSnapshots>());
        Services.AddSingleton<Maxmontaj.Web.Live.BoardCardMarkup>();
        Services.AddSingleton(Db.Get<AssignmentService>());
        Services.AddSingleton(Db.Get<Maxmontaj.Core.Analytics.AnalyticsService>());
        Services.AddSingleton(Db.Get<JobService>());
        Services.AddSingleton(Db.Get<Maxmontaj.Core.Chat.ChatService>());
        // Components render as in the circuit (interactive); prerendering is covered by the app's own tests (PrerenderTests).
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        Popovers = Render<MudPopoverProvider>();
        Dialogs = Render<MudDialogProvider>();
        Snackbars = Render<MudSnackbarProvider>();
    }

    protected override async Task DisposeDependenciesAsync() => await Db.DisposeAsync();

    protected DateTimeOffset TodayAt(int hour)
    {
        var calendar = Db.Get<CompanyCalendar>();
        return calendar.At(calendar.DateOf(Db.Time.GetUtcNow()), new TimeOnly(hour, 0));
    }

    protected async Task<Guid> CreateOrderAsync(string customer, DateTimeOffset? start = null)
    {
        var result = await Db.Get<OrderService>().CreateAsync(new OrderEditModel
        {
            CustomerName = customer,
            ContactPhone = "+7 910 123-45-67",
            Address = "ул. Ленина, 1",
            WorkTypeId = 1,
            ScheduledStart = start,
        });
        Assert.True(result.Succeeded, string.Join(",", result.Errors.Select(e => e.Code)));
        return result.Value;
    }

    /// <summary>An active executor with the window-installation skill, created by an admin; the current user is restored.</summary>
    protected async Task<Guid> ExecutorAsync(string name)
    {
        var previous = (Db.CurrentUser.UserId, Roles.All.Where(Db.CurrentUser.IsInRole).ToArray());
        Db.CurrentUser.As(Guid.NewGuid(), Roles.Admin);
        var result = await Db.Get<UserAdministrationService>().CreateAsync(new UserEditModel
        {
            FullName = name, Email = $"{Guid.NewGuid():N}@example.ru", Roles = [Roles.Executor], SkillIds = [1], Password = "Secret-Pass-123",
        });
        Db.CurrentUser.As(previous.UserId, previous.Item2);
        Assert.True(result.Succeeded, string.Join(",", result.Errors.Select(e => e.Code)));
        return result.Value;
    }
}

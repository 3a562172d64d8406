using System.Globalization;
using Bunit;
using Maxmontaj.Core.Common;
using Maxmontaj.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Maxmontaj.Tests.Support;

/// <summary>bunit with MudBlazor services, loose JS interop, the app's resources in Russian, and async disposal.</summary>
public abstract class BunitTestBase : BunitContext, IAsyncLifetime
{
    protected BunitTestBase()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddScoped<ErrorText>();
        Services.AddScoped<Maxmontaj.Web.Errors.CircuitInfo>();
        Services.AddScoped<Maxmontaj.Web.Errors.UiActions>();
        // Nobody signed in unless a test says who (a later registration wins): UiActions logs the current user.
        Services.AddSingleton<ICurrentUser>(new TestCurrentUser());
        Services.AddTransient<MudBlazor.MudLocalizer, ResourceMudLocalizer>();
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("ru-RU");
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await DisposeDependenciesAsync();
    }

    protected virtual Task DisposeDependenciesAsync() => Task.CompletedTask;
}

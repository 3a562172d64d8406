using Maxmontaj.Core.Common;
using Maxmontaj.Data.Seeding;
using Maxmontaj.Web.Components;
using Maxmontaj.Web.Endpoints;
using Maxmontaj.Web.Health;
using Maxmontaj.Web.Links;
using Maxmontaj.Web.Localization;
using Maxmontaj.Web.Notifications;
using Maxmontaj.Web.Integrations.Telegram;
using Maxmontaj.Web.Integrations.WhatsApp;
using Maxmontaj.Web.Security;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using MudBlazor;
using MudBlazor.Services;
using Serilog;

using Maxmontaj.Web.Live;

namespace Maxmontaj.Web;

/// <summary>Web's registration entry point and request pipeline.</summary>
public static class DependencyInjection
{
    public static IServiceCollection AddMaxmontajWeb(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddSingleton(TimeProvider.System);
        // Keys outlive restarts, so sign-in cookies and antiforgery tokens stay valid across deployments.
        services.AddMaxmontajDataProtection();
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        services.AddHttpContextAccessor();
        // Russian text goes out as text, not as &#x...; entities: pages are smaller and readable.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomCenter;
            o.SnackbarConfiguration.PreventDuplicates = false;
            // Alerts (a low rating) must not wait behind routine confirmations.
            o.SnackbarConfiguration.MaxDisplayedSnackbars = 10;
            o.SnackbarConfiguration.VisibleStateDuration = 4000;
        });

        services.AddMaxmontajLocalization();
        services.AddMaxmontajStaticAssetCompression();
        services.AddTransient<MudLocalizer, ResourceMudLocalizer>();
        // Plain HTTP is for a developer's machine and the tests; in production Apache terminates TLS in front.
        services.AddMaxmontajIdentity(secureCookiesOnly: !environment.IsDevelopment() && !environment.IsEnvironment("Testing"));
        services.AddMaxmontajRateLimiting();
        services.AddMaxmontajProxy();
        services.AddMaxmontajHealth();
        services.AddMaxmontajMetrics();

        services.AddScoped<CurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUser>());
        services.AddScoped<CircuitHandler, UserCircuitHandler>();
        services.AddScoped<RequestOrigin>();
        services.AddScoped<Maxmontaj.Core.Audit.IRequestOrigin>(sp => sp.GetRequiredService<RequestOrigin>());
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<AuditRetentionWorker>();
        services.AddScoped<ErrorText>();
        services.AddScoped<Errors.CircuitInfo>();
        services.AddScoped<Errors.UiActions>();
        services.AddMaxmontajNotifications();
        Integrations.BotSetup.AddMaxmontajBots(services);
        services.AddPublicLinks();
        services.AddSingleton<Maxmontaj.Core.Reports.IPhotoStore, Storage.FilePhotoStore>();
        services.AddSingleton<Maxmontaj.Core.Reports.IImageSanitizer, Storage.SkiaImageSanitizer>();
        services.AddOptions<Maxmontaj.Core.Quotas.QuotaOptions>().BindConfiguration("Quotas");
        services.AddSingleton<Live.CircuitPresence>();
        services.AddSingleton<Maxmontaj.Core.Live.IPresence>(sp => sp.GetRequiredService<Live.CircuitPresence>());
        services.AddScoped<CircuitHandler, Live.CircuitPageMeter>();
        services.AddSingleton<Live.BoardCardMarkup>();
        return services;
    }

    /// <summary>Migrates (when asked) and seeds roles, the catalogue, the first admin and, in Development only, the demo set.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app, bool migrate)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        if (migrate)
        {
            await initializer.MigrateAsync();
        }

        // Demo seeding is for a developer's machine: never in Production, whatever the configuration says.
        var demo = app.Environment.IsDevelopment() && app.Configuration.GetValue("Seeding:DemoData", true);
        await initializer.SeedAsync(demo);
    }

    private static bool IsMachineEndpoint(PathString path) =>
        path.StartsWithSegments("/telegram") || path.StartsWithSegments("/whatsapp") || path.StartsWithSegments("/exports") || path.StartsWithSegments("/photos");

    /// <summary>Serilog's default levels, except that answered probes and scrapes (every few seconds) are Debug.</summary>
    private static Serilog.Events.LogEventLevel RequestLogLevel(HttpContext context, double elapsed, Exception? exception) =>
        exception is not null || (context.Response.StatusCode > 499 && !ProbeAccess.IsProbePath(context.Request.Path))
            ? Serilog.Events.LogEventLevel.Error
            : ProbeAccess.IsProbePath(context.Request.Path) && context.Response.StatusCode != StatusCodes.Status404NotFound
                ? Serilog.Events.LogEventLevel.Debug
                : Serilog.Events.LogEventLevel.Information;

    public static WebApplication UseMaxmontajWeb(this WebApplication app)
    {
        // First, so that HSTS, cookies and redirects see the scheme and client Apache saw (X-Forwarded-Proto: https).
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            // No HTTPS redirection here: Apache's port-80 site redirects, and the app itself listens on loopback HTTP only.
            app.UseHsts();
        }

        // Before every middleware that may answer on its own (400, 413, 429), so those answers are request-logged too.
        // This app's own logger (its enrichers mask tokens in paths), not the process-wide static one.
        app.UseSerilogRequestLogging(o =>
        {
            o.Logger = app.Services.GetService<Serilog.ILogger>();
            o.GetLevel = RequestLogLevel;
            // The visitor's address (after forwarded headers), in the message so that plain-text log files show it too.
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms from {ClientAddress}";
            o.EnrichDiagnosticContext = (diagnostics, context) => diagnostics.Set("ClientAddress", ClientAddress.Exact(context));
        });
        // A database outage answers 503 with a static page that needs no database (the error page does), within seconds.
        app.UseMiddleware<DatabaseUnavailablePage>();
        // Probes and metrics from anyone but loopback (or Health:AllowedNetworks) get 404; judged after forwarded headers.
        app.UseMaxmontajProbeAccess();
        // Before the return-address guard, so its refusal is worded in the request's language.
        app.UseRequestLocalization();
        app.UseMiddleware<ReturnUrlGuard>();
        // People get a page for a missing address; machine endpoints (webhooks, exports, photos) keep their bare status codes.
        app.UseWhen(context => !IsMachineEndpoint(context.Request.Path),
            branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseMaxmontajRateLimiting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<LogContextMiddleware>();
        app.UseAntiforgery();

        app.UseMaxmontajStaticAssetCompression();
        app.MapStaticAssets();
        app.MapMaxmontajHealth();
        app.MapMaxmontajMetrics();
        app.MapAccountEndpoints();
        app.MapCultureEndpoints();
        app.MapExportEndpoints();
        app.MapPhotoEndpoints();
        app.MapTelegramEndpoints();
        app.MapWhatsAppEndpoints();
        app.MapLoadDiagnostics();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Maxmontaj.Web.Health;

/// <summary>
/// <c>/health/live</c> (the process answers: no checks) and <c>/health/ready</c> (database, outbox lag, messengers):
/// 200 when Healthy or Degraded, 503 when Unhealthy, with a JSON body listing each check. Loopback only (<see cref="ProbeAccess"/>).
/// </summary>
public static class HealthSetup
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddMaxmontajHealth(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section)
            // A list in JSON, or one string ("10.0.0.0/8;192.168.1.5") in an environment variable or an .ini-like file.
            .PostConfigure<IConfiguration>((o, configuration) => o.AllowedNetworks = o.AllowedNetworks
                .Concat([configuration[$"{HealthOptions.Section}:{nameof(HealthOptions.AllowedNetworks)}"] ?? ""])
                .SelectMany(n => n.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Distinct().ToList())
            .Validate(o => o.AllowedNetworks.All(n => ProbeAccess.TryParseNetwork(n, out _)),
                "Health:AllowedNetworks must list networks as 10.0.0.0/8 or single addresses")
            .ValidateOnStart();
        services.AddSingleton<StartupState>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<OutboxHealthCheck>("outbox", failureStatus: HealthStatus.Degraded, tags: [ReadyTag])
            .AddCheck<MessengersHealthCheck>("messengers", failureStatus: HealthStatus.Degraded, tags: [ReadyTag]);
        return services;
    }

    /// <summary>Refuses probes from elsewhere; right after the forwarded headers, so it judges the real client.</summary>
    public static WebApplication UseMaxmontajProbeAccess(this WebApplication app)
    {
        app.UseMiddleware<ProbeAccess>();
        return app;
    }

    public static WebApplication MapMaxmontajHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        return app;
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>{"status": "Healthy", "durationMs": 12, "checks": {"database": {"status": ..., "description": ..., "data": {...}}}}.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description ?? e.Value.Exception?.GetBaseException().Message,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds),
                data = e.Value.Data,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}

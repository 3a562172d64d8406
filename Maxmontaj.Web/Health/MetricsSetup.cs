using System.Diagnostics.Metrics;
using Maxmontaj.Data.Providers;
using OpenTelemetry.Metrics;

namespace Maxmontaj.Web.Health;

/// <summary>
/// <c>/metrics</c> in Prometheus text format through OpenTelemetry: ASP.NET Core (requests, Kestrel, SignalR), the .NET
/// runtime, and every meter whose name starts with "Maxmontaj" (orders, outbox, notifications, live). Loopback only, like
/// the health probes (<see cref="ProbeAccess"/>).
/// </summary>
public static class MetricsSetup
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddMaxmontajMetrics(this IServiceCollection services)
    {
        services.AddSingleton<OutboxSampler>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSampler>());
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter("Maxmontaj.*")
            .AddPrometheusExporter());
        // Meters made through IMeterFactory belong to one host; the SDK listens to matching meter names process-wide, so a
        // second host in the same process (tests, or a future in-process worker host) would export its series here too and
        // the first one registered would win. Keep only this host's factory meters (static meters have no scope).
        services.ConfigureOpenTelemetryMeterProvider((sp, metrics) =>
        {
            var own = sp.GetRequiredService<IMeterFactory>();
            metrics.AddView(instrument => instrument.Meter.Scope is IMeterFactory factory && !ReferenceEquals(factory, own)
                ? MetricStreamConfiguration.Drop
                : null);
        });
        return services;
    }

    public static WebApplication MapMaxmontajMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        return app;
    }
}

/// <summary>
/// The "Maxmontaj.Outbox" meter: the outbox's lag (<see cref="OutboxLag"/>) as an observable gauge. A scrape reads the last
/// sample; the database is asked once per <see cref="HealthOptions.OutboxSampleInterval"/> in the background, never per scrape.
/// </summary>
public sealed class OutboxSampler : BackgroundService
{
    public const string MeterName = "Maxmontaj.Outbox";

    private readonly DatabaseConnection _connection;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxSampler> _logger;
    private readonly TimeSpan _interval;
    private double _ageSeconds;

    public OutboxSampler(DatabaseConnection connection, TimeProvider time, IMeterFactory meters, Microsoft.Extensions.Options.IOptions<HealthOptions> options,
        ILogger<OutboxSampler> logger)
    {
        (_connection, _time, _logger) = (connection, time, logger);
        _interval = options.Value.OutboxSampleInterval > TimeSpan.Zero ? options.Value.OutboxSampleInterval : TimeSpan.FromSeconds(15);
        var meter = meters.Create(MeterName);
        // Exported as maxmontaj_outbox_age_seconds.
        meter.CreateObservableGauge("maxmontaj.outbox.age", () => Volatile.Read(ref _ageSeconds), unit: "s",
            description: "How long the oldest due pending notification has waited");
    }

    /// <summary>The last sampled lag in seconds.</summary>
    public double AgeSeconds => Volatile.Read(ref _ageSeconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _time);
        do
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                var lag = await OutboxLag.MeasureAsync(_connection, _time, timeout.Token);
                Volatile.Write(ref _ageSeconds, lag.TotalSeconds);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database is down or not migrated yet; the readiness probe says so. Keep the last value.
                _logger.LogDebug(exception, "Could not sample the outbox");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

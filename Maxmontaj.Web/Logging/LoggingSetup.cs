using Serilog;

namespace Maxmontaj.Web;

public static class LoggingSetup
{
    /// <summary>
    /// Serilog from the "Serilog" section: console and a rolling file by default (see appsettings.json). Each host writes to
    /// its own logger, not the process-wide static one, so that hosts sharing a process (the tests) keep their own sinks.
    /// </summary>
    public static WebApplicationBuilder AddMaxmontajLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            // Last, so that it also sees the properties the enrichers above added.
            .Enrich.With<SecretMaskingEnricher>(), preserveStaticLogger: true);
        return builder;
    }
}

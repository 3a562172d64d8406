using Maxmontaj.Core.Live;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Tests.Support;

/// <summary>The app with its live hub recorded (<see cref="RecordingLiveEvents"/>), and a log of the SQL it runs on its database.</summary>
public sealed class PrerenderAppFactory : MaxmontajAppFactory
{
    public RecordingLiveEvents LiveEvents => Services.GetRequiredService<RecordingLiveEvents>();

    /// <summary>Called when a circuit opens, before it renders anything: what runs after it is the circuit's, not the prerender's.</summary>
    public Action? CircuitOpened { get; set; }

    /// <summary>Starts recording the commands run against this app's database; dispose to stop.</summary>
    public QueryLog NewQueryLog() =>
        new(new SqliteConnectionStringBuilder(Services.GetRequiredService<IConfiguration>().GetConnectionString("Maxmontaj")).DataSource);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<InProcessLiveEvents>();
            services.AddSingleton<RecordingLiveEvents>();
            services.AddSingleton<ILiveEvents>(sp => sp.GetRequiredService<RecordingLiveEvents>());
            services.AddScoped<CircuitHandler>(_ => new OpeningHandler(this));
        });
    }

    private sealed class OpeningHandler(PrerenderAppFactory app) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            app.CircuitOpened?.Invoke();
            return Task.CompletedTask;
        }
    }
}

using Maxmontaj.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Tests.Support;

/// <summary>Base of tests that run once per provider: each concrete subclass names its provider and gets a fresh database per test.</summary>
public abstract class DatabaseTest : IAsyncLifetime
{
    protected abstract DatabaseProvider Provider { get; }

    protected TestDatabase Db { get; private set; } = default!;

    public async Task InitializeAsync() => Db = await TestDatabase.CreateAsync(Provider, MigrateOnStart, ConfigureServices);

    public async Task DisposeAsync() => await Db.DisposeAsync();

    protected virtual bool MigrateOnStart => true;

    /// <summary>Replaces or adds services for the whole test (a fixed client address, a fake peer).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }
}

using Maxmontaj.Core.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Tests.Support;

/// <summary>
/// The app with a test-controlled fault switch: the next database operation of a chosen user fails as a dropped or locked
/// connection does (a real <see cref="SqliteException"/>). Other users and background workers are not affected.
/// </summary>
public sealed class FaultyAppFactory : MaxmontajAppFactory
{
    public DatabaseFaults Faults { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            var original = services.Last(d => d.ServiceType == typeof(IMaxmontajDbFactory));
            services.Remove(original);
            services.AddSingleton(Faults);
            services.AddScoped<IMaxmontajDbFactory>(sp => new FaultyDbFactory(
                (IMaxmontajDbFactory)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!),
                sp.GetRequiredService<ICurrentUser>(), Faults));
        });
    }

    private sealed class FaultyDbFactory(IMaxmontajDbFactory inner, ICurrentUser user, DatabaseFaults faults) : IMaxmontajDbFactory
    {
        public Task<IMaxmontajDb> CreateAsync(CancellationToken cancellationToken = default) =>
            faults.Take(user.UserId) ? throw new SqliteException("database is locked (a test fault)", 5) : inner.CreateAsync(cancellationToken);
    }
}

/// <summary>Arms one failure for one user's next database operation.</summary>
public sealed class DatabaseFaults
{
    private Guid? _failNext;
    private int _failures;

    /// <summary>How many operations have failed on purpose.</summary>
    public int Failures => _failures;

    public void FailNextOperationOf(Guid userId) => _failNext = userId;

    internal bool Take(Guid? userId)
    {
        lock (this)
        {
            if (userId is null || _failNext != userId)
            {
                return false;
            }

            _failNext = null;
            _failures++;
            return true;
        }
    }
}

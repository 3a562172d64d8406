using Maxmontaj.Core;
using Maxmontaj.Core.Common;
using Maxmontaj.Data;
using Maxmontaj.Data.Providers;
using Maxmontaj.Data.Seeding;
using Maxmontaj.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MySqlConnector;

namespace Maxmontaj.Tests.Support;

/// <summary>
/// A fresh, migrated database for one test: a new SQLite file, or a new schema on the throwaway MariaDB server that
/// ./test.sh starts (connection in MAXMONTAJ_TEST_MARIADB). Services are Core + Data + Identity as the app registers them.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string MariaDbVariable = "MAXMONTAJ_TEST_MARIADB";
    public const string AdminEmail = "admin@test.maxmontaj.ru";
    public const string AdminPassword = "Admin-Pass-2026";

    private readonly string _folder;

    private TestDatabase(DatabaseProvider provider, string connectionString, string folder,
        Action<IServiceCollection>? configure = null, IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _folder = folder;
        Settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Maxmontaj"] = connectionString,
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = AdminPassword,
            ["Storage:PhotosFolder"] = Path.Combine(folder, "photos"),
            // The in-memory test client's address; the Kestrel app factory points it at its own socket.
            ["App:PublicBaseUrl"] = "http://localhost",
            // Suites sign in far more often than people do, all from one address; the rate-limit tests set these back.
            ["RateLimits:SignIn:PermitLimit"] = "100000",
            ["RateLimits:SignInPerAccount:PermitLimit"] = "100000",
            ["RateLimits:SignUp:PermitLimit"] = "100000",
            ["RateLimits:SignUpPerAccount:PermitLimit"] = "100000",
            ["RateLimits:PasswordReset:PermitLimit"] = "100000",
            ["RateLimits:PasswordResetPerAccount:PermitLimit"] = "100000",
            ["RateLimits:StatusLink:PermitLimit"] = "100000",
            ["RateLimits:Webhook:PermitLimit"] = "100000",
            // Admins sign in with a password alone in the other tests; TwoFactorTests switch the production rule back on.
            ["Security:AdminsRequireTwoFactor"] = "false",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).AddInMemoryCollection(extraSettings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(Time);
        // Scoped as in the app: the test's scope is the circuit, CurrentUser below is its user; other scopes start anonymous.
        services.AddScoped<TestCurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<TestCurrentUser>());
        services.AddHttpContextAccessor();
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = folder });
        services.AddSingleton<Maxmontaj.Core.Reports.IPhotoStore, Maxmontaj.Web.Storage.FilePhotoStore>();
        services.AddSingleton<Maxmontaj.Core.Reports.IImageSanitizer, Maxmontaj.Web.Storage.SkiaImageSanitizer>();
        services.AddSingleton(Presence);
        services.AddSingleton<Maxmontaj.Core.Live.IPresence>(Presence);
        services.AddMaxmontajCore().AddMaxmontajData().AddMaxmontajIdentity();
        Maxmontaj.Web.Links.PublicLinksSetup.AddPublicLinks(services);
        ObserveSaves(services);
        configure?.Invoke(services);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>Configuration that points the whole app at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The user of the test's scope (the one <see cref="Get{T}"/> resolves from), as a circuit's user.</summary>
    public TestCurrentUser CurrentUser => Get<TestCurrentUser>();

    /// <summary>Runs just before any of the app's contexts saves, to stage what another user does at that moment.</summary>
    public Action<MaxmontajDbContext>? BeforeSave { get; set; }

    /// <summary>Sees every context the services under test create (to check, for instance, that each is disposed).</summary>
    public Action<MaxmontajDbContext>? ContextCreated { get; set; }

    /// <summary>Who has a page open; tests mark people online through it.</summary>
    public Maxmontaj.Web.Live.CircuitPresence Presence { get; } = new();

    /// <summary>The folder of this database's files (the SQLite file, photos).</summary>
    public string Folder => _folder;

    public ServiceProvider Services { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool migrate = true,
        Action<IServiceCollection>? configure = null, IReadOnlyDictionary<string, string?>? settings = null, string? mariaDbServer = null)
    {
        TestDatabase database;
        if (provider == DatabaseProvider.MariaDb)
        {
            // A test's own server (OwnMariaDb), or the shared throwaway one.
            var server = mariaDbServer ?? Environment.GetEnvironmentVariable(MariaDbVariable);
            if (string.IsNullOrWhiteSpace(server))
            {
                throw new InvalidOperationException(
                    $"MariaDB tests need {MariaDbVariable} (a server connection string); run them through ./test.sh, which starts a throwaway server.");
            }

            var builder = new MySqlConnectionStringBuilder(server) { Database = $"mx_test_{Guid.NewGuid():N}"[..30] };
            database = new TestDatabase(provider, builder.ConnectionString, NewFolder(), configure, settings);
        }
        else
        {
            var folder = NewFolder();
            database = new TestDatabase(provider, $"Data Source={Path.Combine(folder, "test.db")}", folder, configure, settings);
        }

        if (migrate)
        {
            await database.MigrateAndSeedAsync();
        }

        return database;
    }

    /// <summary>Wraps Data's context factory so that <see cref="BeforeSave"/> and <see cref="ContextCreated"/> see the services' contexts.</summary>
    private void ObserveSaves(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IDbContextFactory<MaxmontajDbContext>));
        services.Remove(registered);
        services.Add(new ServiceDescriptor(typeof(IDbContextFactory<MaxmontajDbContext>), sp =>
            new ObservedContextFactory((IDbContextFactory<MaxmontajDbContext>)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!), this),
            registered.Lifetime));
    }

    private sealed class ObservedContextFactory(IDbContextFactory<MaxmontajDbContext> inner, TestDatabase database) : IDbContextFactory<MaxmontajDbContext>
    {
        public MaxmontajDbContext CreateDbContext()
        {
            var context = inner.CreateDbContext();
            database.ContextCreated?.Invoke(context);
            context.SavingChanges += (sender, _) => database.BeforeSave?.Invoke((MaxmontajDbContext)sender!);
            return context;
        }
    }

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "maxmontaj-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public async Task MigrateAndSeedAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        await initializer.MigrateAsync();
        await initializer.SeedAsync(withDemoData: false);
    }

    /// <summary>A context outside any test scope, for arranging and checking data directly.</summary>
    public MaxmontajDbContext NewContext() => Services.GetRequiredService<DatabaseConnection>().CreateContext(interceptor: null);

    /// <summary>Resolves from one scope that lives as long as the test, as a circuit's scope lives as long as a page.</summary>
    public T Get<T>() where T : notnull => (_scope ??= Services.CreateAsyncScope()).ServiceProvider.GetRequiredService<T>();

    private AsyncServiceScope? _scope;

    public async ValueTask DisposeAsync()
    {
        await using (var context = NewContext())
        {
            if (Provider == DatabaseProvider.MariaDb)
            {
                await context.Database.EnsureDeletedAsync();
            }
        }

        if (_scope is { } scope)
        {
            await scope.DisposeAsync();
        }

        await Services.DisposeAsync();
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by the OS is left in the temp folder; it does not affect other tests.
            }
        }
    }
}

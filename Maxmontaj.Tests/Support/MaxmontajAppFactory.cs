using System.Security.Claims;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Tests.Support;

/// <summary>
/// The whole app on a fresh SQLite database. <see cref="StartKestrelAsync"/> puts it on a real loopback socket for browsers;
/// without it, tests use the in-memory server through <see cref="WebApplicationFactory{T}.CreateClient()"/>.
/// </summary>
public class MaxmontajAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Secret-Pass-2026";

    private TestDatabase _database = default!;
    private readonly bool _ownsDatabase = true;
    private string? _address;
    private int? _port;

    public MaxmontajAppFactory()
    {
    }

    /// <summary>An app over an existing database, to stop one app and start another on the same data.</summary>
    protected MaxmontajAppFactory(TestDatabase database)
    {
        _database = database;
        _ownsDatabase = false;
    }

    /// <summary>The hosting environment; the demo journeys run the app as a developer's machine does.</summary>
    protected virtual string Environment => "Testing";

    /// <summary>The database the app runs on (the MariaDB variants of data-bearing tests override it).</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <summary>A port to listen on instead of a free one, for an app that stops and starts again at the same address.</summary>
    protected virtual int? FixedPort => null;

    /// <summary>Settings on top of the test database's; a null value removes a setting.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Overrides { get; } = new Dictionary<string, string?>();

    /// <summary>The address of the app on Kestrel, started on first use.</summary>
    public string ServerAddress => _address ??= StartKestrel();

    public virtual async Task InitializeAsync()
    {
        if (_ownsDatabase)
        {
            _database = await TestDatabase.CreateAsync(Provider, migrate: false);
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_ownsDatabase)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>Starts Kestrel on a free loopback port and returns the app's address.</summary>
    private string StartKestrel()
    {
        // The port is chosen before start so that App:PublicBaseUrl, and every link the app sends, points at this socket.
        _port = FixedPort ?? FreeLoopbackPort();
        UseKestrel(_port.Value);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").Replace("localhost", "127.0.0.1");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        // Outside Development, the build-time static assets (blazor.web.js, MudBlazor's files) are only mapped when asked.
        builder.UseStaticWebAssets();
        builder.ConfigureAppConfiguration(configuration =>
        {
            configuration.AddInMemoryCollection(_database.Settings
                .Where(s => !Overrides.ContainsKey(s.Key))
                .Concat(Overrides.Where(o => o.Value is not null)));
            configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Serilog:MinimumLevel:Default"] = "Warning",
                ["Urls"] = "http://127.0.0.1:0",
            }.Where(s => !Overrides.ContainsKey(s.Key)));
            if (_port is { } port && !Overrides.ContainsKey("App:PublicBaseUrl"))
            {
                configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["App:PublicBaseUrl"] = $"http://127.0.0.1:{port}" });
            }
        });
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Creates an active account with <see cref="Password"/> through the app's own UserManager.</summary>
    public async Task<ApplicationUser> CreateUserAsync(string role, string? email = null, string? phone = null, string name = "Тестовый Пользователь",
        params int[] skills)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser
        {
            Id = Guid.CreateVersion7(),
            FullName = name,
            NormalizedFullName = name.ToUpperInvariant(),
            Email = email ?? $"{Guid.NewGuid():N}@test.maxmontaj.ru",
            PhoneNumber = phone is null ? null : PhoneFormat.Normalize(phone),
        };
        user.UserName = user.Id.ToString("N");
        user.Skills = skills.Select(s => new UserSkill { UserId = user.Id, WorkTypeId = s }).ToList();
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, role));
        return user;
    }

    /// <summary>Inserts an order as it stands, bypassing the services (arranging a test, not acting as a user).</summary>
    public async Task<Order> AddOrderAsync(string customer, int workTypeId = 1, DateTimeOffset? start = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaxmontajDbContext>();
        var sequence = 1 + (db.Orders.Max(o => (int?)o.Sequence) ?? 0);
        var order = new Order
        {
            Id = Guid.CreateVersion7(),
            Year = 2026,
            Sequence = sequence,
            Number = $"2026-{sequence:000000}",
            CustomerName = customer,
            ContactPhone = "+79101234567",
            Address = new Address { Text = "ул. Тестовая, 1" },
            WorkTypeId = workTypeId,
            ScheduledStart = start,
            ScheduledEnd = start?.AddHours(2),
            Status = start is null ? OrderStatus.New : OrderStatus.Scheduled,
            Version = Guid.NewGuid(),
        };
        order.RefreshSearchText();
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        return order;
    }

    /// <summary>Runs a piece of work as a dispatcher of this app, as a circuit would.</summary>
    public Task<T> AsDispatcherAsync<T>(Func<IServiceProvider, Task<T>> work) => AsAsync(Guid.NewGuid(), Roles.Dispatcher, work);

    /// <summary>Runs a piece of work in a fresh scope signed in as the given user, as a circuit would.</summary>
    public async Task<T> AsAsync<T>(Guid userId, string role, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.ToString()), new Claim(ClaimTypes.Role, role)], "test");
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetCircuitUser(new ClaimsPrincipal(identity));
        return await work(scope.ServiceProvider);
    }

    /// <summary>Arranges data directly in the app's database.</summary>
    public async Task WithDbAsync(Func<MaxmontajDbContext, Task> arrange)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaxmontajDbContext>();
        await arrange(db);
        await db.SaveChangesAsync();
    }

    public async Task UpdateUserAsync(Guid id, Action<ApplicationUser> change)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(id.ToString()) ?? throw new InvalidOperationException("no such user");
        change(user);
        Check(await users.UpdateAsync(user));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}

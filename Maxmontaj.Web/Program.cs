using Maxmontaj.Core;
using Maxmontaj.Data;
using Maxmontaj.Web;
using Maxmontaj.Web.Health;
using Maxmontaj.Web.Storage;
using Microsoft.EntityFrameworkCore;

// Before anything writes a file: logs, the database, photos and keys are created 0640/0750.
FileModes.RestrictNewFiles();
var builder = WebApplication.CreateBuilder(args);
builder.AddMaxmontajLogging();
builder.Services
    .AddMaxmontajCore()
    .AddMaxmontajData()
    .AddMaxmontajWeb(builder.Environment);

var app = builder.Build();

// `dotnet Maxmontaj.Web.dll migrate` applies migrations and seeds roles and the first admin, then exits.
if (args.Contains("migrate", StringComparer.OrdinalIgnoreCase))
{
    await app.InitializeDatabaseAsync(migrate: true);
    return;
}

// `Maxmontaj.Web schema` prints the migrations this release knows, oldest first, one per line, without touching the
// database: deploy/restore.sh refuses an archive whose last applied migration is not among them.
if (args.Contains("schema", StringComparer.OrdinalIgnoreCase))
{
    await using var scope = app.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<MaxmontajDbContext>();
    foreach (var migration in db.Database.GetMigrations())
    {
        Console.WriteLine(migration);
    }

    return;
}

// A database still down at start-up does not stop the app: it starts not-ready and initialises when the database answers.
await app.InitializeDatabaseWhenReachableAsync(migrate: app.Configuration.GetValue("Database:MigrateOnStartup", true));
app.UseMaxmontajWeb();
app.Run();

/// <summary>The web host's entry point; public so that the tests' WebApplicationFactory can start it.</summary>
public partial class Program;

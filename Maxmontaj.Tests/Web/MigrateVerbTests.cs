using System.Diagnostics;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Tests.Web;

/// <summary>
/// `dotnet Maxmontaj.Web.dll migrate` applies migrations and seeds without starting the web server; `schema` lists the
/// migrations the release knows (deploy/restore.sh compares a backup's last migration with them) and touches nothing.
/// </summary>
[Trait("Category", "Sqlite")]
public sealed class MigrateVerbTests : DatabaseTest
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override bool MigrateOnStart => false;

    [Fact]
    public async Task The_migrate_verb_applies_every_migration_and_exits()
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "Maxmontaj.Web.dll"), "migrate"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:1";
        foreach (var (key, value) in Db.Settings)
        {
            start.Environment[key.Replace(":", "__")] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "migrate did not exit");

        Assert.True(process.ExitCode == 0, await output + await errors);
        Assert.DoesNotContain("Now listening", await output);
        await using var context = Db.NewContext();
        Assert.Equal(context.Database.GetMigrations(), await context.Database.GetAppliedMigrationsAsync());
        Assert.Equal(5, await context.Roles.CountAsync());
    }

    [Fact]
    public async Task The_schema_verb_prints_the_releases_migrations_and_applies_none()
    {
        var (exitCode, output) = await RunVerbAsync("schema");

        Assert.True(exitCode == 0, output);
        var printed = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^\d{14}_\w+$")).ToList();
        await using var context = Db.NewContext();
        Assert.Equal(context.Database.GetMigrations(), printed);
        Assert.NotEmpty(printed);
        Assert.Empty(await context.Database.GetAppliedMigrationsAsync());
    }

    private async Task<(int ExitCode, string Output)> RunVerbAsync(string verb)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "Maxmontaj.Web.dll"), verb])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:1";
        foreach (var (key, value) in Db.Settings)
        {
            start.Environment[key.Replace(":", "__")] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail(verb + " did not exit");
        }

        return (process.ExitCode, await output + await errors);
    }
}

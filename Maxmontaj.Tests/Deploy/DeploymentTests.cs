using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Maxmontaj.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Maxmontaj.Tests.Deploy;

/// <summary>
/// The production install, end to end, as root on this machine (./test.sh; CI is root with apt and no systemd as PID 1):
/// scripts/release.sh → deploy/install.sh on loopback ports → sign-in through Apache in Chromium with a live circuit
/// (WebSocket upgrade) → data → backup.sh → database and data folder dropped → restore.sh → same rows and files →
/// upgrade.sh to a release with a new migration → data intact → an upgrade whose migration fails rolls back. Without
/// systemd the service is the unit's own ExecStart line run as its User with its Environment (deploy/service.sh), which
/// the test checks against the unit file. Everything installed is removed again (uninstall.sh), whatever happens.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Deploy")]
public sealed partial class DeploymentTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Name = "localhost";
    private const int HttpsPort = 18443;
    private const int HttpPort = 18080;
    private const int AppPort = 15000;
    private const string AdminEmail = "admin@example.ru";
    private const string Unit = "/etc/systemd/system/maxmontaj.service";
    private const string DataFolder = "/var/lib/maxmontaj";
    private const string Prefix = "/opt/maxmontaj";
    private static readonly string BaseUrl = $"https://{Name}:{HttpsPort}";

    private readonly string _work = Path.Combine(Path.GetTempPath(), "maxmontaj-deploy-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly Stopwatch _total = Stopwatch.StartNew();
    private string? _uninstall;
    private IBrowserContext? _context;

    [GeneratedRegex(@"^\s*Password:\s+(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex AdminPassword();

    public Task InitializeAsync()
    {
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("The deployment test installs system packages and a service: it needs root (./test.sh leaves it out otherwise).");
        }

        if (File.Exists("/etc/maxmontaj/install.env"))
        {
            throw new InvalidOperationException("Maxmontaj is installed on this machine (/etc/maxmontaj/install.env): the deployment test will not touch a real install.");
        }

        Directory.CreateDirectory(_work);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }

        if (_uninstall is not null)
        {
            var (code, text) = await RunAsync(_uninstall, "--yes");
            Assert.True(code == 0, "uninstall.sh failed:\n" + text);
            Assert.False(Directory.Exists(Prefix) || Directory.Exists(DataFolder) || Directory.Exists("/etc/maxmontaj"), "uninstall.sh left folders behind");
            Assert.False(File.Exists("/etc/apache2/sites-enabled/maxmontaj.conf"), "uninstall.sh left the Apache site enabled");
            Assert.False(await PortOpenAsync(HttpsPort) || await PortOpenAsync(AppPort), "a port stayed open after uninstall.sh");
            var (_, users) = await RunAsync("getent", "passwd", "maxmontaj");
            Assert.True(users.Trim().Length == 0, "the maxmontaj user is still there");
        }

        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }

        output.WriteLine($"deployment test: {_total.Elapsed.TotalSeconds:F0} s in all");
    }

    [Fact]
    public async Task Release_install_sign_in_backup_restore_upgrade_and_rollback_through_Apache()
    {
        foreach (var port in new[] { HttpsPort, HttpPort, AppPort })
        {
            Assert.False(await PortOpenAsync(port), $"port {port} is taken: the deployment test needs 127.0.0.1:{HttpsPort}, {HttpPort} and {AppPort}");
        }

        // Releases from a copy of the source tree (the checkout is not touched): v1; v2 = v1 + a migration that adds a
        // table; v3 = v2 + a migration that makes a table and then fails half-way.
        var source = CopySourceTree();
        var v1 = await ReleaseAsync(source, "1.0.0-deploytest");
        AddMigration(source, "29990101000000_UpgradeProbe", "UpgradeProbe",
            "CREATE TABLE upgrade_probe (id INT NOT NULL PRIMARY KEY, note VARCHAR(100) NOT NULL)");
        var v2 = await ReleaseAsync(source, "1.1.0-deploytest");
        AddMigration(source, "29990102000000_BrokenUpgrade", "BrokenUpgrade",
            "CREATE TABLE upgrade_broken (id INT NOT NULL PRIMARY KEY)", "SELECT no_such_column FROM no_such_table_in_maxmontaj");
        var v3 = await ReleaseAsync(source, "1.2.0-broken");

        // Install.
        var unpacked = Path.Combine(_work, "v1");
        Directory.CreateDirectory(unpacked);
        Assert.Equal(0, (await RunAsync("tar", "-C", unpacked, "-xzf", v1)).Code);
        var deploy = Path.Combine(unpacked, "maxmontaj-1.0.0-deploytest", "deploy");
        _uninstall = Path.Combine(deploy, "uninstall.sh");
        var clock = Stopwatch.StartNew();
        var (installCode, installed) = await RunAsync(Path.Combine(deploy, "install.sh"), "--name", Name, "--listen", "127.0.0.1",
            "--https-port", $"{HttpsPort}", "--http-port", $"{HttpPort}", "--app-port", $"{AppPort}", "--admin-email", AdminEmail);
        Assert.True(installCode == 0, "install.sh failed:\n" + installed);
        output.WriteLine($"install.sh: {clock.Elapsed.TotalSeconds:F0} s");
        var password = AdminPassword().Match(installed).Groups[1].Value;
        Assert.True(password.Length >= 12, "install.sh printed no admin password:\n" + installed);

        // The unit itself is what runs: its ExecStart, as its User, in its WorkingDirectory, with its Environment.
        await AssertTheUnitRunsAsync();
        // Files: binaries root's, data and logs the service's only, settings 0640 root:maxmontaj without the admin password.
        AssertMode("/etc/maxmontaj/appsettings.Production.json", "640", "root", "maxmontaj");
        AssertMode(DataFolder, "750", "maxmontaj", "maxmontaj");
        AssertMode("/var/log/maxmontaj", "750", "maxmontaj", "maxmontaj");
        AssertMode($"{Prefix}/releases/1.0.0-deploytest/Maxmontaj.Web", "755", "root", "root");
        Assert.DoesNotContain(password, await File.ReadAllTextAsync("/etc/maxmontaj/appsettings.Production.json"));
        // Apache: Debian's default site is off and plain HTTP only redirects; the unit is valid, hardened and rated by systemd.
        Assert.False(File.Exists("/etc/apache2/sites-enabled/000-default.conf"), "the Debian default site is still enabled");
        var (_, redirect) = await RunAsync("curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", $"http://{Name}:{HttpPort}/account/login");
        Assert.Equal($"301 {BaseUrl}/account/login", redirect.Trim());
        if (File.Exists("/usr/bin/systemd-analyze"))
        {
            var (verifyCode, verify) = await RunAsync("systemd-analyze", "verify", Unit,
                "/etc/systemd/system/maxmontaj-backup.service", "/etc/systemd/system/maxmontaj-backup.timer");
            Assert.True(verifyCode == 0, "systemd-analyze verify: " + verify);
            var (_, security) = await RunAsync("systemd-analyze", "security", "--offline=yes", Unit);
            var exposure = Regex.Match(security, @"Overall exposure level for maxmontaj\.service: (\d+\.\d)");
            Assert.True(exposure.Success && double.Parse(exposure.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) <= 4.0,
                "systemd-analyze security: " + security);
        }

        var unitLines = await File.ReadAllLinesAsync(Unit);
        foreach (var hardening in new[] { "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes", $"ReadWritePaths={DataFolder} /var/log/maxmontaj" })
        {
            Assert.Contains(hardening, unitLines);
        }

        // Running install.sh again, from the installed release, changes nothing and keeps the secrets.
        var settingsBefore = await File.ReadAllTextAsync("/etc/maxmontaj/appsettings.Production.json");
        var (againCode, again) = await RunAsync($"{Prefix}/current/deploy/install.sh");
        Assert.True(againCode == 0, "install.sh (second run) failed:\n" + again);
        Assert.DoesNotMatch(AdminPassword(), again);
        Assert.Equal(settingsBefore, await File.ReadAllTextAsync("/etc/maxmontaj/appsettings.Production.json"));

        // Sign in through Apache in Chromium: the admin enrols the second factor, reaches the interactive admin page over a
        // WebSocket, and creates a user (data made through the UI).
        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, IgnoreHTTPSErrors = true, Locale = "ru-RU" });
        _context.SetDefaultTimeout(60_000);
        var page = await _context.NewPageAsync();
        var sockets = new List<string>();
        page.WebSocket += (_, socket) => sockets.Add(socket.Url);
        try
        {
            var response = await page.GotoAsync("/account/login");
            Assert.Equal(["max-age=15552000"], (await response!.HeaderValuesAsync("strict-transport-security")).ToArray());
            await page.SignInAsync(AdminEmail, password);
            await page.WaitForURLAsync("**/account/two-factor");
            var key = await page.GetByTestId("shared-key").InnerTextAsync();
            await page.GetByLabel("Код из приложения").FillAsync(Totp.Code(key));
            await page.GetByRole(AriaRole.Button, new() { Name = "Подключить" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
            await page.GetByRole(AriaRole.Link, new() { Name = "Продолжить" }).ClickAsync();
            await page.WaitForURLAsync("**/admin");
            await page.WaitForInteractiveAsync();
            Assert.Contains(sockets, url => url.StartsWith($"wss://{Name}:{HttpsPort}/_blazor", StringComparison.Ordinal));

            await page.GotoAsync("/admin/users");
            await page.WaitForInteractiveAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Новый пользователь" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("Имя").FillAsync("Семён Монтажников");
            await dialog.GetByLabel("Email").FillAsync("semyon@example.ru");
            await dialog.GetByLabel("Телефон").FillAsync("8 (912) 345-67-89");
            await dialog.GetByLabel("Пароль").FillAsync("Executor-2026");
            await dialog.GetByLabel("Роли").ClickAsync();
            var executor = page.GetByRole(AriaRole.Option, new() { Name = "Исполнитель" });
            await executor.ClickAsync();
            await Assertions.Expect(executor).ToHaveAttributeAsync("aria-selected", "true");
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(executor).ToBeHiddenAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Сохранить" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Пользователь создан.")).ToBeVisibleAsync();
        }
        catch
        {
            await page.ScreenshotForAsync(nameof(Release_install_sign_in_backup_restore_upgrade_and_rollback_through_Apache));
            WriteAppLog();
            throw;
        }

        // Apache saw the upgrade too.
        Assert.Matches(new Regex(@"""GET /_blazor\?id=\S+ HTTP/1\.1"" 101 "), await File.ReadAllTextAsync("/var/log/apache2/maxmontaj-access.log"));
        // A photo as the app stores them (a subfolder, a generated name), made by the service user.
        var photo = Path.Combine(DataFolder, "photos", "ab", "ab0123456789abcdef0123456789abcd.jpg");
        Assert.Equal(0, (await RunAsync("setpriv", "--reuid=maxmontaj", "--regid=maxmontaj", "--init-groups", "--", "sh", "-c",
            $"umask 027 && mkdir -p {Path.GetDirectoryName(photo)} && head -c 200000 /dev/urandom > {photo}")).Code);
        Assert.Contains("Семён Монтажников", await SqlAsync("SELECT FullName FROM AspNetUsers"));
        var before = await SnapshotAsync();
        Assert.Contains(before.Files.Keys, path => path.StartsWith("keys/", StringComparison.Ordinal));

        // Backup (an archive older than the 14 days' retention goes), then lose the database and the data folder, then restore.
        const string expired = "/var/backups/maxmontaj/maxmontaj-20000101-000000.tar.gz";
        await File.WriteAllTextAsync(expired, "");
        Assert.Equal(0, (await RunAsync("touch", "-d", "15 days ago", expired)).Code);
        var (backupCode, backupText) = await RunAsync($"{Prefix}/current/deploy/backup.sh");
        Assert.True(backupCode == 0, "backup.sh failed:\n" + backupText);
        Assert.False(File.Exists(expired), "backup.sh kept an archive older than the retention");
        var archive = backupText.Trim().Split('\n')[^1];
        AssertMode(archive, "600", "root", "root");
        await RunAsync($"{Prefix}/current/deploy/service.sh", "stop");
        await SqlAsync("DROP DATABASE maxmontaj");
        Directory.Delete(DataFolder, recursive: true);
        Assert.NotEqual(200, await StatusThroughApacheAsync("/health/ready"));
        // With the app stopped, Apache answers with the app's own static Russian page, not its bare error.
        var (_, down) = await RunAsync("curl", "-sk", "--max-time", "10", "-w", "\n%{http_code}", $"{BaseUrl}/orders");
        Assert.EndsWith("503", down.TrimEnd());
        Assert.Contains("Сервис временно недоступен", down);
        var (restoreCode, restoreText) = await RunWithAsync(new() { ["MAXMONTAJ_RESTORE_START"] = "1" }, $"{Prefix}/current/deploy/restore.sh", archive);
        Assert.True(restoreCode == 0, "restore.sh failed:\n" + restoreText);
        var restored = await SnapshotAsync();
        Assert.Equal(before.Rows, restored.Rows);
        Assert.Equal(before.Files, restored.Files);
        // The restored keys still read the browser's sign-in cookie: the admin page opens without signing in again.
        await page.GotoAsync("/admin/users");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Семён Монтажников" })).ToBeVisibleAsync();

        // An archive from a newer schema is refused, and nothing is changed.
        var future = await ArchiveFromTheFutureAsync(archive);
        var (futureCode, futureText) = await RunAsync($"{Prefix}/current/deploy/restore.sh", future);
        Assert.NotEqual(0, futureCode);
        Assert.Contains("newer than this release knows", futureText);
        Assert.Equal(200, await StatusThroughApacheAsync("/health/ready"));

        // Upgrade to a release with a new migration.
        var (upgradeCode, upgradeText) = await RunAsync($"{Prefix}/current/deploy/upgrade.sh", v2);
        Assert.True(upgradeCode == 0, "upgrade.sh failed:\n" + upgradeText);
        Assert.Matches(new Regex(@"upgraded to 1\.1\.0-deploytest; downtime \d+ s"), upgradeText);
        Assert.Equal("releases/1.1.0-deploytest", new FileInfo($"{Prefix}/current").LinkTarget);
        Assert.Contains("upgrade_probe", await SqlAsync("SHOW TABLES"));
        var upgraded = await SnapshotAsync();
        Assert.Equal(before.Rows["__EFMigrationsHistory"] + 1, upgraded.Rows["__EFMigrationsHistory"]);
        Assert.Equal(Without(before.Rows, "__EFMigrationsHistory"), Without(upgraded.Rows, "__EFMigrationsHistory", "upgrade_probe"));
        Assert.Equal(before.Files, upgraded.Files);
        await AssertTheUnitRunsAsync();

        // An upgrade whose migration fails half-way (it has made a table) goes back to 1.1.0 and its data.
        var (brokenCode, brokenText) = await RunAsync($"{Prefix}/current/deploy/upgrade.sh", v3);
        Assert.True(brokenCode != 0, "the broken upgrade succeeded:\n" + brokenText);
        Assert.Contains("UPGRADE FAILED (migrate failed): rolling back to 1.1.0-deploytest", brokenText);
        Assert.Matches(new Regex(@"rolled back to 1\.1\.0-deploytest .*downtime \d+ s"), brokenText);
        Assert.Equal("releases/1.1.0-deploytest", new FileInfo($"{Prefix}/current").LinkTarget);
        var tables = await SqlAsync("SHOW TABLES");
        Assert.Contains("upgrade_probe", tables);
        Assert.DoesNotContain("upgrade_broken", tables);
        var rolledBack = await SnapshotAsync();
        Assert.Equal(upgraded.Rows, rolledBack.Rows);
        Assert.Equal(upgraded.Files, rolledBack.Files);
        Assert.Equal(200, await StatusThroughApacheAsync("/health/ready"));
        await page.GotoAsync("/admin/users");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Семён Монтажников" })).ToBeVisibleAsync();
        await AssertTheUnitRunsAsync();
    }

    /// <summary>The app's own log, for a failure's report (uninstall.sh removes it afterwards).</summary>
    private void WriteAppLog()
    {
        foreach (var file in Directory.Exists("/var/log/maxmontaj") ? Directory.GetFiles("/var/log/maxmontaj", "maxmontaj-*.log") : [])
        {
            output.WriteLine($"--- {file} (last 80 lines)\n" + string.Join('\n', File.ReadLines(file).TakeLast(80)));
        }
    }

    private async Task AssertTheUnitRunsAsync()
    {
        var unit = await File.ReadAllLinesAsync(Unit);
        string Value(string key) => unit.Last(l => l.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..];
        var (_, pidText) = await RunAsync($"{Prefix}/current/deploy/service.sh", "pid");
        Assert.True(int.TryParse(pidText.Trim().Split('\n')[^1], out var pid), "the service is not running: " + pidText);
        var commandLine = (await File.ReadAllTextAsync($"/proc/{pid}/cmdline")).TrimEnd('\0').Replace('\0', ' ');
        Assert.Equal(Value("ExecStart"), commandLine);
        var uid = (await File.ReadAllLinesAsync($"/proc/{pid}/status")).Single(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        var (_, userUid) = await RunAsync("id", "-u", Value("User"));
        Assert.Equal(userUid.Trim(), uid.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1]);
        var environment = (await File.ReadAllTextAsync($"/proc/{pid}/environ")).Split('\0');
        foreach (var line in unit.Where(l => l.StartsWith("Environment=", StringComparison.Ordinal)))
        {
            Assert.Contains(line["Environment=".Length..], environment);
        }

        var (_, directory) = await RunAsync("realpath", Value("WorkingDirectory"));
        Assert.Equal(directory.Trim(), new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget);
    }

    private void AssertMode(string path, string mode, string owner, string group)
    {
        var (_, stat) = RunAsync("stat", "-c", "%a %U %G", path).GetAwaiter().GetResult();
        Assert.Equal($"{mode} {owner} {group}", stat.Trim());
    }

    private sealed record Snapshot(SortedDictionary<string, int> Rows, SortedDictionary<string, string> Files);

    /// <summary>Row counts of every table and the SHA-256 of every file in the data folder (photos and keys).</summary>
    private async Task<Snapshot> SnapshotAsync()
    {
        var rows = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var table in (await SqlAsync("SHOW TABLES")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            rows[table] = int.Parse(await SqlAsync($"SELECT COUNT(*) FROM `{table}`"));
        }

        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(DataFolder, "*", SearchOption.AllDirectories))
        {
            files[Path.GetRelativePath(DataFolder, file)] = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(file)));
        }

        return new Snapshot(rows, files);
    }

    private static SortedDictionary<string, int> Without(SortedDictionary<string, int> rows, params string[] tables) =>
        new(rows.Where(r => !tables.Contains(r.Key)).ToDictionary(r => r.Key, r => r.Value), StringComparer.Ordinal);

    private async Task<string> SqlAsync(string sql)
    {
        var (code, text) = await RunAsync("mariadb", "--protocol=socket", "--socket=/run/mysqld/mysqld.sock", "-uroot", "-N", "-B", "maxmontaj", "-e", sql);
        Assert.True(code == 0, sql + "\n" + text);
        return text.Trim();
    }

    private async Task<int> StatusThroughApacheAsync(string path)
    {
        var (_, code) = await RunAsync("curl", "-sk", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10", $"{BaseUrl}{path}");
        return int.TryParse(code.Trim(), out var status) ? status : 0;
    }

    /// <summary>The same archive, claiming a migration no release knows.</summary>
    private async Task<string> ArchiveFromTheFutureAsync(string archive)
    {
        var folder = Path.Combine(_work, "future");
        Directory.CreateDirectory(folder);
        Assert.Equal(0, (await RunAsync("tar", "-C", folder, "-xzf", archive)).Code);
        await File.WriteAllTextAsync(Path.Combine(folder, "schema.txt"), "29991231000000_FromTheFuture\n");
        var future = Path.Combine(_work, "maxmontaj-future.tar.gz");
        Assert.Equal(0, (await RunAsync("tar", "-C", folder, "-czf", future, ".")).Code);
        return future;
    }

    private string CopySourceTree()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Maxmontaj.sln")))
        {
            root = Path.GetDirectoryName(root.TrimEnd('/')) ?? throw new InvalidOperationException("Maxmontaj.sln not found above the test folder");
        }

        var target = Path.Combine(_work, "src");
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig" })
        {
            Directory.CreateDirectory(target);
            File.Copy(Path.Combine(root, file), Path.Combine(target, file));
        }

        foreach (var folder in new[] { "Maxmontaj.Core", "Maxmontaj.Data", "Maxmontaj.Web", "scripts", "deploy" })
        {
            CopyFolder(Path.Combine(root, folder), Path.Combine(target, folder));
        }

        return target;
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.GetDirectories(from).Where(d => Path.GetFileName(d) is not ("bin" or "obj" or "App_Data" or "logs")))
        {
            CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }

    /// <summary>A hand-written MariaDB migration of raw SQL: it changes no model, so EF's pending-model check stays quiet.</summary>
    private static void AddMigration(string source, string id, string name, params string[] statements)
    {
        var sql = string.Concat(statements.Select(s => $"        migrationBuilder.Sql(\"{s}\");\n"));
        File.WriteAllText(Path.Combine(source, "Maxmontaj.Data", "Migrations", "MariaDb", id + ".cs"), $$"""
            using Maxmontaj.Data.Providers;
            using Microsoft.EntityFrameworkCore.Infrastructure;
            using Microsoft.EntityFrameworkCore.Migrations;

            namespace Maxmontaj.Data.Migrations.MariaDb;

            [DbContext(typeof(MariaDbMaxmontajDbContext))]
            [Migration("{{id}}")]
            public sealed class {{name}} : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder)
                {
            {{sql}}    }
            }

            """);
    }

    private async Task<string> ReleaseAsync(string source, string version)
    {
        var clock = Stopwatch.StartNew();
        var (code, text) = await RunWithAsync(new() { ["MAXMONTAJ_ARTIFACTS"] = Path.Combine(_work, "artifacts") },
            Path.Combine(source, "scripts", "release.sh"), version);
        Assert.True(code == 0, "release.sh failed:\n" + text);
        output.WriteLine($"release.sh {version}: {clock.Elapsed.TotalSeconds:F0} s");
        var tarball = Path.Combine(_work, "artifacts", $"maxmontaj-{version}-linux-x64.tar.gz");
        Assert.True(File.Exists(tarball), text);
        return tarball;
    }

    private static async Task<bool> PortOpenAsync(int port)
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private Task<(int Code, string Text)> RunAsync(string file, params string[] args) => RunWithAsync([], file, args);

    private async Task<(int Code, string Text)> RunWithAsync(Dictionary<string, string> environment, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var text = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, text);
        var stderr = PumpAsync(process.StandardError, text);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 10 minutes:\n{text}");
        }

        // A daemon the script started may hold the pipes open: what it printed until then is enough.
        await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(TimeSpan.FromSeconds(10)));
        var all = text.ToString();
        if (file.EndsWith(".sh", StringComparison.Ordinal))
        {
            output.WriteLine($"$ {Path.GetFileName(file)} {string.Join(' ', args)} → {process.ExitCode}\n{all}");
        }

        return (process.ExitCode, all);
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder text)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (text)
            {
                text.AppendLine(line);
            }
        }
    }
}

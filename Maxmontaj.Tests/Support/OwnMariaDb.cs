using System.Diagnostics;
using MySqlConnector;

namespace Maxmontaj.Tests.Support;

/// <summary>
/// A MariaDB server of the test's own, to stop and start again (scripts/throwaway-mariadb.sh's approach): its own data
/// folder under /tmp, a free loopback port, the maxmontaj user. Never the shared server of MAXMONTAJ_TEST_MARIADB.
/// <see cref="Kill"/> ends it as a crash would (SIGKILL); <see cref="StartAsync"/> brings it back on the same port and data.
/// </summary>
public sealed class OwnMariaDb : IAsyncDisposable
{
    public const string User = "maxmontaj";
    public const string Password = "maxmontaj-own";

    private readonly string _folder;
    private Process? _process;

    private OwnMariaDb(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A server connection string for the maxmontaj user (no database: each test makes its own schema).</summary>
    public string ConnectionString => new MySqlConnectionStringBuilder
    {
        Server = "127.0.0.1", Port = (uint)Port, UserID = User, Password = Password,
    }.ConnectionString;

    public bool IsRunning => _process is { HasExited: false };

    private string DataFolder => Path.Combine(_folder, "data");

    private string Socket => Path.Combine(_folder, "mysqld.sock");

    /// <summary>Initialises a data folder, starts the server and creates the maxmontaj user.</summary>
    public static async Task<OwnMariaDb> CreateAsync()
    {
        var folder = Directory.CreateTempSubdirectory("maxmontaj-own-mariadb.").FullName;
        var server = new OwnMariaDb(folder, FreePort());
        var installDb = Find("mariadb-install-db", "mysql_install_db");
        await RunAsync(installDb, "--no-defaults", $"--datadir={server.DataFolder}", $"--user={Environment.UserName}",
            "--auth-root-authentication-method=normal", "--skip-test-db");
        await server.StartAsync(asRoot: true);
        await using (var root = new MySqlConnection($"Server={server.Socket};Protocol=Unix;User ID=root"))
        {
            await root.OpenAsync();
            await using var command = new MySqlCommand(
                $"CREATE USER '{User}'@'127.0.0.1' IDENTIFIED BY '{Password}'; GRANT ALL PRIVILEGES ON *.* TO '{User}'@'127.0.0.1';", root);
            await command.ExecuteNonQueryAsync();
        }

        return server;
    }

    /// <summary>Starts the server on its port and data folder and waits until the maxmontaj user can connect.</summary>
    public Task StartAsync() => StartAsync(asRoot: false);

    private async Task StartAsync(bool asRoot)
    {
        var start = new ProcessStartInfo(Find("mariadbd", "/usr/sbin/mariadbd"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     "--no-defaults", $"--datadir={DataFolder}", $"--user={Environment.UserName}", $"--port={Port}", "--bind-address=127.0.0.1",
                     $"--socket={Socket}", $"--pid-file={Path.Combine(_folder, "mysqld.pid")}", "--skip-name-resolve",
                     "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci", "--innodb-buffer-pool-size=64M",
                     "--innodb-flush-log-at-trx-commit=2", "--skip-log-bin", $"--log-error={Path.Combine(_folder, "error.log")}",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("mariadbd did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var check = asRoot ? $"Server={Socket};Protocol=Unix;User ID=root;Connection Timeout=2" : ConnectionString + ";Connection Timeout=2";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("mariadbd exited: " + ErrorLog());
            }

            try
            {
                await using var connection = new MySqlConnection(check + ";Pooling=false");
                await connection.OpenAsync();
                return;
            }
            catch (MySqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Ends the server at once, as a crash or an OOM kill would, and waits until it is gone.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(30));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        await Task.Yield();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in /tmp; it holds nothing another test reads.
        }
    }

    private string ErrorLog()
    {
        var log = Path.Combine(_folder, "error.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no error log)";
    }

    private static string Find(params string[] names)
    {
        foreach (var name in names)
        {
            if (Path.IsPathRooted(name) && File.Exists(name))
            {
                return name;
            }

            foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/usr/bin"]))
            {
                var path = Path.Combine(folder, name);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        throw new InvalidOperationException($"{names[0]} is not installed (MariaDB tests need mariadb-server; ./test.sh installs it).");
    }

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed: {await output}{await errors}");
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Data;

public enum DatabaseProvider
{
    Sqlite,
    MariaDb,
}

/// <summary>The "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string DefaultMariaDbVersion = "10.11.0";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder of the default SQLite file, relative to the content root unless absolute.</summary>
    [Required]
    public string DataFolder { get; set; } = "App_Data";

    /// <summary>The MariaDB server version the SQL is generated for; never auto-detected, so nothing connects at start-up.</summary>
    [Required]
    [RegularExpression(@"^\d+\.\d+(\.\d+)?$")]
    public string MariaDbVersion { get; set; } = DefaultMariaDbVersion;

    /// <summary>Apply pending migrations when the web app starts; production installs may run the <c>migrate</c> verb instead.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>MariaDB: how long opening a connection may take (unless the connection string sets a connect timeout).</summary>
    [Range(1, 600)]
    public int ConnectTimeoutSeconds { get; set; } = 3;

    /// <summary>MariaDB: how long one command may run.</summary>
    [Range(1, 3600)]
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// MariaDB: retries of an operation after a transient failure, each after at most <see cref="MaxRetryDelay"/>. Small, so an
    /// outage answers in seconds: (1 + retries) × connect timeout + retries × delay at worst (3 × 3 s + 2 × 1 s = 11 s).
    /// </summary>
    [Range(0, 10)]
    public int MaxRetryCount { get; set; } = 2;

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public static MariaDbServerVersion ParseServerVersion(string version) => new(Version.Parse(version));
}

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

    public static MariaDbServerVersion ParseServerVersion(string version) => new(Version.Parse(version));
}

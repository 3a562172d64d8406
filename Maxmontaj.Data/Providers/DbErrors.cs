using Maxmontaj.Core.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MySqlConnector;

namespace Maxmontaj.Data.Providers;

/// <summary>Reads the provider's error behind a failed save.</summary>
internal sealed class DbErrors : IDbErrors
{
    // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY; plain error 19 also covers foreign keys, NOT NULL and CHECK.
    private const int SqliteUnique = 2067;
    private const int SqlitePrimaryKey = 1555;

    public bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteUnique or SqlitePrimaryKey,
        MySqlException mariaDb => mariaDb.ErrorCode == MySqlErrorCode.DuplicateKeyEntry,
        _ => false,
    };
}

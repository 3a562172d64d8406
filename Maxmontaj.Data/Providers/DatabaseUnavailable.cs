using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using MySqlConnector;

namespace Maxmontaj.Data.Providers;

/// <summary>
/// Whether an exception means "the database cannot be reached now" (the server is down, refuses or times out, retries ran
/// out, the SQLite file is locked or cannot be opened), as opposed to a bug in a query. The web app answers those with its
/// static 503 page, and start-up waits for the database instead of crashing.
/// </summary>
public static class DatabaseUnavailable
{
    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_CANTOPEN.
    private static readonly int[] SqliteUnavailable = [5, 6, 10, 14];

    public static bool Is(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case RetryLimitExceededException or TimeoutException or SocketException:
                case MySqlException { IsTransient: true }:
                case MySqlException { ErrorCode: MySqlErrorCode.UnableToConnectToHost or MySqlErrorCode.CommandTimeoutExpired }:
                case MySqlException { InnerException: IOException or SocketException }:
                case SqliteException sqlite when SqliteUnavailable.Contains(sqlite.SqliteErrorCode):
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(Is):
                    return true;
            }
        }

        return false;
    }
}

using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Common;

/// <summary>What a failed save means, told by Data, which knows the provider (Core references none).</summary>
public interface IDbErrors
{
    /// <summary>True when the save broke a unique index (SQLite's UNIQUE/PRIMARY KEY constraint, MariaDB's error 1062).</summary>
    bool IsUniqueViolation(DbUpdateException exception);
}

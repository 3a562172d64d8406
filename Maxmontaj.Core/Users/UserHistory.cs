using Maxmontaj.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Users;

/// <summary>
/// Whether a user has left any trace that must be kept: a deleted user would orphan it, so such users can only be deactivated.
/// Each feature that records who did what adds its check here.
/// </summary>
internal static class UserHistory
{
    public static async Task<bool> ExistsAsync(IMaxmontajDb db, Guid userId, CancellationToken cancellationToken) =>
        await db.Users.AnyAsync(u => u.Id == userId && u.LastSignInAt != null, cancellationToken)
        || await db.Users.AnyAsync(u => u.Id != userId && (u.CreatedBy == userId || u.UpdatedBy == userId), cancellationToken)
        || await db.OrderAssignments.AnyAsync(a => a.UserId == userId, cancellationToken)
        || await db.OrderEvents.AnyAsync(e => e.ActorId == userId, cancellationToken)
        || await db.Orders.AnyAsync(o => o.CustomerId == userId || o.CreatedBy == userId, cancellationToken);
}

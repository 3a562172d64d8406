using Maxmontaj.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Users;

/// <summary>What a signed-in person sees about themselves.</summary>
public sealed record MyProfile(
    string FullName,
    string? Email,
    string? PhoneNumber,
    IReadOnlyList<string> Roles,
    string? District,
    IReadOnlyList<string> Skills);

/// <summary>The current user's own account, whatever their role.</summary>
public sealed class ProfileService(IMaxmontajDbFactory dbFactory, ICurrentUser currentUser)
{
    public async Task<MyProfile> GetMineAsync(CancellationToken cancellationToken = default)
    {
        var id = currentUser.UserId ?? throw new ForbiddenAccessException();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new { u.FullName, u.Email, u.PhoneNumber, u.District })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("User", id);
        var skills = await db.UserSkills.AsNoTracking()
            .Where(s => s.UserId == id)
            .OrderBy(s => s.WorkType!.SortOrder)
            .Select(s => s.WorkType!.Name)
            .ToListAsync(cancellationToken);
        var roles = await UserDirectory.RolesOf(db, [id], cancellationToken);
        return new MyProfile(user.FullName, user.Email, user.PhoneNumber, roles.GetValueOrDefault(id) ?? [], user.District, skills);
    }
}

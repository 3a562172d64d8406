using Maxmontaj.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Users;

/// <summary>Read side of user management: the paged, filtered table and one user's details, limited to what the viewer may manage.</summary>
public sealed class UserDirectory(IMaxmontajDbFactory dbFactory, ICurrentUser currentUser)
{
    public const int MaxPageSize = 100;

    public async Task<PagedResult<UserListItem>> ListAsync(UserListQuery query, CancellationToken cancellationToken = default)
    {
        var manageable = UserAccessPolicy.ManageableRoles(currentUser);
        if (manageable.Count == 0)
        {
            throw new ForbiddenAccessException();
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var users = VisibleUsers(db, manageable);

        if (!string.IsNullOrWhiteSpace(query.Role))
        {
            var roleName = query.Role;
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id
                && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == roleName)));
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var text = query.Search.Trim().ToUpperInvariant();
            var digits = new string(text.Where(char.IsDigit).ToArray());
            users = users.Where(u => u.NormalizedFullName.Contains(text)
                || (u.NormalizedEmail != null && u.NormalizedEmail.Contains(text))
                || (digits.Length >= 3 && u.PhoneNumber != null && u.PhoneNumber.Contains(digits)));
        }

        var total = await users.CountAsync(cancellationToken);
        var page = await Sort(users, query)
            .Skip(Math.Max(0, query.Page) * Math.Clamp(query.PageSize, 1, MaxPageSize))
            .Take(Math.Clamp(query.PageSize, 1, MaxPageSize))
            .Select(u => new { u.Id, u.FullName, u.Email, u.PhoneNumber, u.IsActive, u.CreatedAt })
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        var ids = page.Select(u => u.Id).ToList();
        var roles = await RolesOf(db, ids, cancellationToken);
        var items = page
            .Select(u => new UserListItem(u.Id, u.FullName, u.Email, u.PhoneNumber,
                roles.TryGetValue(u.Id, out var r) ? r : [], u.IsActive, u.CreatedAt))
            .ToList();
        return new PagedResult<UserListItem>(items, total);
    }

    /// <summary>One user's details; <see cref="NotFoundException"/> also when the viewer may not manage that user.</summary>
    public async Task<UserDetails> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var manageable = UserAccessPolicy.ManageableRoles(currentUser);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var user = await VisibleUsers(db, manageable)
            .Where(u => u.Id == id)
            .Select(u => new { u.Id, u.FullName, u.Email, u.PhoneNumber, u.IsActive, u.District })
            .AsNoTracking()
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("User", id);

        var roles = await RolesOf(db, [id], cancellationToken);
        var skills = await db.UserSkills.Where(s => s.UserId == id).Select(s => s.WorkTypeId).ToListAsync(cancellationToken);
        var hasHistory = await UserHistory.ExistsAsync(db, id, cancellationToken);
        return new UserDetails(user.Id, user.FullName, user.Email, user.PhoneNumber,
            roles.TryGetValue(id, out var r) ? r : [], user.IsActive, user.District, skills, hasHistory);
    }

    /// <summary>How many active accounts hold each role that the viewer manages.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountByRoleAsync(CancellationToken cancellationToken = default)
    {
        var manageable = UserAccessPolicy.ManageableRoles(currentUser).ToList();
        if (manageable.Count == 0)
        {
            throw new ForbiddenAccessException();
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var counts = await (from ur in db.UserRoles
                            join r in db.Roles on ur.RoleId equals r.Id
                            join u in db.Users on ur.UserId equals u.Id
                            where u.IsActive && manageable.Contains(r.Name!)
                            group ur by r.Name into g
                            select new { Role = g.Key!, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return manageable.ToDictionary(r => r, r => counts.FirstOrDefault(c => c.Role == r)?.Count ?? 0);
    }

    /// <summary>The active work types, for skill pickers.</summary>
    public async Task<IReadOnlyList<WorkTypeOption>> WorkTypesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.WorkTypes.AsNoTracking().Where(w => w.IsActive).OrderBy(w => w.SortOrder)
            .Select(w => new WorkTypeOption(w.Id, w.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>Users the viewer may manage: every role they hold is one the viewer manages (admins also see role-less users).</summary>
    internal static IQueryable<ApplicationUser> VisibleUsers(IMaxmontajDb db, IReadOnlyList<string> manageable)
    {
        if (manageable.Count == Roles.All.Count)
        {
            return db.Users;
        }

        var names = manageable.ToList();
        return db.Users.Where(u =>
            db.UserRoles.Any(ur => ur.UserId == u.Id)
            && !db.UserRoles.Any(ur => ur.UserId == u.Id
                && db.Roles.Any(r => r.Id == ur.RoleId && !names.Contains(r.Name!))));
    }

    internal static async Task<Dictionary<Guid, IReadOnlyList<string>>> RolesOf(
        IMaxmontajDb db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var pairs = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return pairs.GroupBy(p => p.UserId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p.Name!)
                .OrderBy(n => Roles.All.ToList().IndexOf(n)).ToList());
    }

    private static IQueryable<ApplicationUser> Sort(IQueryable<ApplicationUser> users, UserListQuery query) =>
        (query.SortBy, query.SortDescending) switch
        {
            (UserSortField.Email, false) => users.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id),
            (UserSortField.Email, true) => users.OrderByDescending(u => u.NormalizedEmail).ThenBy(u => u.Id),
            (UserSortField.CreatedAt, false) => users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id),
            (UserSortField.CreatedAt, true) => users.OrderByDescending(u => u.CreatedAt).ThenBy(u => u.Id),
            (UserSortField.IsActive, false) => users.OrderBy(u => u.IsActive).ThenBy(u => u.NormalizedFullName),
            (UserSortField.IsActive, true) => users.OrderByDescending(u => u.IsActive).ThenBy(u => u.NormalizedFullName),
            (_, true) => users.OrderByDescending(u => u.NormalizedFullName).ThenBy(u => u.Id),
            _ => users.OrderBy(u => u.NormalizedFullName).ThenBy(u => u.Id),
        };
}

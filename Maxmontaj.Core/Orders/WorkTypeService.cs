using Maxmontaj.Core.Audit;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Orders;

/// <summary>A row of the work-type catalogue for its admin page.</summary>
public sealed record WorkTypeRow(int Id, string Code, string Name, int SortOrder, bool IsActive, int OrderCount);

/// <summary>The work-type catalogue, edited by admins. Types in use are deactivated rather than deleted.</summary>
public sealed class WorkTypeService(IMaxmontajDbFactory dbFactory, ICurrentUser currentUser, IAuditLog audit)
{
    public const int MaxName = 200;

    public async Task<IReadOnlyList<WorkTypeRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.WorkTypes.AsNoTracking().OrderBy(w => w.SortOrder).ThenBy(w => w.Name)
            .Select(w => new WorkTypeRow(w.Id, w.Code, w.Name, w.SortOrder, w.IsActive, db.Orders.Count(o => o.WorkTypeId == w.Id)))
            .ToListAsync(cancellationToken);
    }

    public async Task<Result<int>> AddAsync(string name, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        name = name?.Trim() ?? "";
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await ValidateAsync(db, name, null, cancellationToken) is { } error)
        {
            return Result<int>.Failure(error);
        }

        var type = new WorkType
        {
            Name = name,
            Code = $"custom-{Guid.NewGuid():N}"[..24],
            SortOrder = 1 + (await db.WorkTypes.MaxAsync(w => (int?)w.SortOrder, cancellationToken) ?? 0),
        };
        db.WorkTypes.Add(type);
        await db.SaveChangesAsync(cancellationToken);
        // The id exists only after the insert; the entry follows in a second, small save.
        await audit.AddAsync(db, AuditKind.WorkTypeChanged, AuditSubjects.WorkType, type.Id.ToString(), new AuditDetails().Change("Name", null, name), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return type.Id;
    }

    public async Task<Result> RenameAsync(int id, string name, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        name = name?.Trim() ?? "";
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var type = await db.WorkTypes.SingleOrDefaultAsync(w => w.Id == id, cancellationToken) ?? throw new NotFoundException("WorkType", id);
        if (await ValidateAsync(db, name, id, cancellationToken) is { } error)
        {
            return Result.Failure(error);
        }

        await audit.AddAsync(db, AuditKind.WorkTypeChanged, AuditSubjects.WorkType, id.ToString(), new AuditDetails().Change("Name", type.Name, name), cancellationToken);
        type.Name = name;
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }

    /// <summary>An inactive type is kept on existing orders but offered for no new order or skill.</summary>
    public async Task<Result> SetActiveAsync(int id, bool active, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var type = await db.WorkTypes.SingleOrDefaultAsync(w => w.Id == id, cancellationToken) ?? throw new NotFoundException("WorkType", id);
        await audit.AddAsync(db, AuditKind.WorkTypeChanged, AuditSubjects.WorkType, id.ToString(),
            new AuditDetails().Set("Name", type.Name).Change("IsActive", type.IsActive, active), cancellationToken);
        type.IsActive = active;
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }

    private static async Task<Error?> ValidateAsync(IMaxmontajDb db, string name, int? id, CancellationToken cancellationToken)
    {
        if (name.Length == 0)
        {
            return new Error("WorkType.NameRequired", "Name");
        }

        if (name.Length > MaxName)
        {
            return new Error("Order.TextTooLong", "Name");
        }

        var all = await db.WorkTypes.Where(w => w.Id != id).Select(w => w.Name).ToListAsync(cancellationToken);
        return all.Any(n => string.Equals(n, name, StringComparison.CurrentCultureIgnoreCase)) ? new Error("WorkType.NameTaken", "Name") : null;
    }

    private void RequireAdmin()
    {
        if (!currentUser.IsInRole(Roles.Admin))
        {
            throw new ForbiddenAccessException();
        }
    }
}

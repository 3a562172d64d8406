using Maxmontaj.Core.Audit;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Reports;

public sealed record ChecklistRow(int Id, int WorkTypeId, string Text, bool RequiresPhoto, bool IsActive);

/// <summary>The checklist of each work type, edited by admins; reports must tick every active item.</summary>
public sealed class ChecklistService(IMaxmontajDbFactory dbFactory, ICurrentUser currentUser, IAuditLog audit)
{
    public const int MaxText = 200;

    /// <summary>Default items for a new installation, so reports ask the obvious from day one.</summary>
    public static IReadOnlyList<(string WorkTypeCode, string Text, bool RequiresPhoto)> Defaults { get; } =
    [
        ("window-install", "Монтажная пена и герметик нанесены", true),
        ("window-install", "Створки отрегулированы", false),
        ("door-install", "Дверь открывается и закрывается без усилия", false),
        ("ac-install", "Дренаж проверен", true),
        ("ac-install", "Трасса опрессована", false),
        ("ac-service", "Фильтры очищены", true),
    ];

    public async Task<IReadOnlyList<ChecklistRow>> ListAsync(int workTypeId, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.ChecklistItems.AsNoTracking().Where(c => c.WorkTypeId == workTypeId).OrderBy(c => c.SortOrder)
            .Select(c => new ChecklistRow(c.Id, c.WorkTypeId, c.Text, c.RequiresPhoto, c.IsActive)).ToListAsync(cancellationToken);
    }

    public async Task<Result<int>> AddAsync(int workTypeId, string text, bool requiresPhoto, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        text = text?.Trim() ?? "";
        if (text.Length is 0 or > MaxText)
        {
            return Result<int>.Failure(new Error(text.Length == 0 ? "Checklist.TextRequired" : "Order.TextTooLong", "Text"));
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await db.WorkTypes.AnyAsync(w => w.Id == workTypeId, cancellationToken))
        {
            throw new NotFoundException("WorkType", workTypeId);
        }

        var item = new ChecklistItem
        {
            WorkTypeId = workTypeId,
            Text = text,
            RequiresPhoto = requiresPhoto,
            SortOrder = 1 + (await db.ChecklistItems.Where(c => c.WorkTypeId == workTypeId).MaxAsync(c => (int?)c.SortOrder, cancellationToken) ?? 0),
        };
        db.ChecklistItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AddAsync(db, AuditKind.ChecklistChanged, AuditSubjects.ChecklistItem, item.Id.ToString(), new AuditDetails()
            .Set("WorkTypeId", workTypeId).Change("Text", null, text).Change("RequiresPhoto", null, requiresPhoto), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return item.Id;
    }

    public async Task<Result> UpdateAsync(int id, bool requiresPhoto, bool isActive, CancellationToken cancellationToken = default)
    {
        RequireAdmin();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var item = await db.ChecklistItems.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new NotFoundException("ChecklistItem", id);
        await audit.AddAsync(db, AuditKind.ChecklistChanged, AuditSubjects.ChecklistItem, id.ToString(), new AuditDetails()
            .Set("WorkTypeId", item.WorkTypeId).Set("Text", item.Text)
            .Change("RequiresPhoto", item.RequiresPhoto, requiresPhoto).Change("IsActive", item.IsActive, isActive), cancellationToken);
        item.RequiresPhoto = requiresPhoto;
        item.IsActive = isActive;
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }

    private void RequireAdmin()
    {
        if (!currentUser.IsInRole(Roles.Admin))
        {
            throw new ForbiddenAccessException();
        }
    }
}

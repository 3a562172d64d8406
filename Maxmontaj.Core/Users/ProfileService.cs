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
    IReadOnlyList<string> Skills,
    IReadOnlyList<string>? Channels = null,
    IReadOnlyList<string>? MutedKinds = null,
    bool TelegramLinked = false,
    bool TwoFactorEnabled = false);

/// <summary>The current user's own account, whatever their role.</summary>
public sealed class ProfileService(IMaxmontajDbFactory dbFactory, ICurrentUser currentUser)
{
    public async Task<MyProfile> GetMineAsync(CancellationToken cancellationToken = default)
    {
        var id = currentUser.UserId ?? throw new ForbiddenAccessException();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new { u.FullName, u.Email, u.PhoneNumber, u.District, u.NotificationChannels, u.MutedKinds, u.TelegramChatId, u.TwoFactorEnabled })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("User", id);
        var skills = await db.UserSkills.AsNoTracking()
            .Where(s => s.UserId == id)
            .OrderBy(s => s.WorkType!.SortOrder)
            .Select(s => s.WorkType!.Name)
            .ToListAsync(cancellationToken);
        var roles = await UserDirectory.RolesOf(db, [id], cancellationToken);
        return new MyProfile(user.FullName, user.Email, user.PhoneNumber, roles.GetValueOrDefault(id) ?? [], user.District, skills,
            user.NotificationChannels.Split(',', StringSplitOptions.RemoveEmptyEntries), (user.MutedKinds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
            user.TelegramChatId is not null, user.TwoFactorEnabled);
    }

    public static IReadOnlyList<string> KnownChannels { get; } = ["Telegram", "WhatsApp", "Email"];

    /// <summary>Saves the order of channels (known names only, each once) and the optional kinds switched off.</summary>
    public async Task<Result> SavePreferencesAsync(IReadOnlyList<string> channels, IReadOnlyList<string> muted, CancellationToken cancellationToken = default)
    {
        var id = currentUser.UserId ?? throw new ForbiddenAccessException();
        var order = channels.Where(KnownChannels.Contains).Distinct().ToList();
        if (order.Count == 0)
        {
            return Result.Failure(new Error("Profile.ChannelRequired", "Channels"));
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var user = await db.Users.SingleAsync(u => u.Id == id, cancellationToken);
        user.NotificationChannels = string.Join(',', order);
        var off = muted.Where(Notifications.NotificationTexts.Optional.Contains).Distinct().ToList();
        user.MutedKinds = off.Count == 0 ? null : string.Join(',', off);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}

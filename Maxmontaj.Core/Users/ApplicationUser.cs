using Maxmontaj.Core.Common;
using Microsoft.AspNetCore.Identity;

namespace Maxmontaj.Core.Users;

/// <summary>A person who can sign in: staff, contractor or customer.</summary>
public class ApplicationUser : IdentityUser<Guid>, IAuditable
{
    public string FullName { get; set; } = "";

    /// <summary>Upper-case copy of <see cref="FullName"/> for case-insensitive search on every provider (SQLite folds ASCII only).</summary>
    public string NormalizedFullName { get; set; } = "";

    /// <summary>False for a deactivated account: it cannot sign in, and its history stays.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>The district an executor or specialist usually works in.</summary>
    public string? District { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>The Telegram chat linked to this account, if any.</summary>
    public long? TelegramChatId { get; set; }

    /// <summary>The channels to try, in order; by default Telegram, then WhatsApp, then email.</summary>
    public string NotificationChannels { get; set; } = "Telegram,WhatsApp,Email";

    /// <summary>Optional kinds this person switched off (comma-separated: status, morning, chat).</summary>
    public string? MutedKinds { get; set; }

    public List<UserSkill> Skills { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public Guid? UpdatedBy { get; set; }
}

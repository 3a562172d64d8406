namespace Maxmontaj.Core.Users;

/// <summary>A page request for the user table.</summary>
public sealed record UserListQuery(
    string? Search = null,
    string? Role = null,
    int Page = 0,
    int PageSize = 25,
    UserSortField SortBy = UserSortField.FullName,
    bool SortDescending = false);

public enum UserSortField
{
    FullName,
    Email,
    CreatedAt,
    IsActive,
}

/// <summary>A row of the user table.</summary>
public sealed record UserListItem(
    Guid Id,
    string FullName,
    string? Email,
    string? PhoneNumber,
    IReadOnlyList<string> Roles,
    bool IsActive,
    DateTimeOffset CreatedAt);

/// <summary>Everything the edit dialog shows about one user.</summary>
public sealed record UserDetails(
    Guid Id,
    string FullName,
    string? Email,
    string? PhoneNumber,
    IReadOnlyList<string> Roles,
    bool IsActive,
    string? District,
    IReadOnlyList<int> SkillIds,
    bool HasHistory);

/// <summary>The fields an admin or dispatcher fills in to create or edit a user.</summary>
public sealed class UserEditModel
{
    public string FullName { get; set; } = "";
    public string? Email { get; set; }
    public string? PhoneNumber { get; set; }
    public List<string> Roles { get; set; } = [];
    public string? District { get; set; }
    public List<int> SkillIds { get; set; } = [];

    /// <summary>The first password; only read when creating.</summary>
    public string? Password { get; set; }
}

/// <summary>A work type as a choice in a form.</summary>
public sealed record WorkTypeOption(int Id, string Name);

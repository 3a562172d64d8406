namespace Maxmontaj.Core.Common;

/// <summary>The person on whose behalf the current operation runs: a request, a circuit, or nobody (background work).</summary>
public interface ICurrentUser
{
    /// <summary>The signed-in user's id, or null for anonymous visitors and background work.</summary>
    Guid? UserId { get; }

    /// <summary>True when the current user holds <paramref name="role"/>.</summary>
    bool IsInRole(string role);
}

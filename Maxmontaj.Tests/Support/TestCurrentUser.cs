using Maxmontaj.Core.Common;

namespace Maxmontaj.Tests.Support;

/// <summary>An ICurrentUser that a test sets to act as a given person.</summary>
public sealed class TestCurrentUser : ICurrentUser
{
    private HashSet<string> _roles = [];

    public Guid? UserId { get; private set; }

    public bool IsInRole(string role) => _roles.Contains(role);

    public TestCurrentUser As(Guid? userId, params string[] roles)
    {
        UserId = userId;
        _roles = [.. roles];
        return this;
    }
}

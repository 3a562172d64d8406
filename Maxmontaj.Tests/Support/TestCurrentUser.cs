using Maxmontaj.Core.Common;

namespace Maxmontaj.Tests.Support;

/// <summary>
/// The scoped current user of the tests, like the app's: the test's own scope (a circuit's) acts as whoever the test set,
/// and a child scope acts for nobody unless the service that opens it passes its user on (<see cref="UserScopes"/>).
/// </summary>
public sealed class TestCurrentUser : IActingUser
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

    public void ActAs(ICurrentUser user) => As(user.UserId, [.. Maxmontaj.Core.Users.Roles.All.Where(user.IsInRole)]);
}

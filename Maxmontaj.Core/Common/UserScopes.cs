using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Core.Common;

/// <summary>
/// A scoped <see cref="ICurrentUser"/> that can be told whom it acts for. The host's current user implements it, so a child
/// DI scope opened by a service acts for the same person as the scope that opened it.
/// </summary>
public interface IActingUser : ICurrentUser
{
    /// <summary>From now on this scope acts for <paramref name="user"/> (its id and roles).</summary>
    void ActAs(ICurrentUser user);
}

/// <summary>Child DI scopes that keep the acting user (see docs/decisions/0015-acting-user-in-child-scopes.md).</summary>
public static class UserScopes
{
    /// <summary>
    /// Opens a DI scope whose <see cref="ICurrentUser"/> acts for <paramref name="actor"/>, so that the auditing interceptor,
    /// Identity's stores and every service resolved in it record and check the same person as the caller.
    /// Services open their child scopes only through this method.
    /// </summary>
    public static AsyncServiceScope CreateAsyncScopeFor(this IServiceScopeFactory scopes, ICurrentUser actor)
    {
        var scope = scopes.CreateAsyncScope();
        var user = scope.ServiceProvider.GetRequiredService<ICurrentUser>();
        if (user is IActingUser acting)
        {
            acting.ActAs(actor);
        }
        else if (!ReferenceEquals(user, actor))
        {
            scope.Dispose();
            throw new InvalidOperationException(
                $"The scoped ICurrentUser ({user.GetType().Name}) must implement {nameof(IActingUser)}, or a child scope would act for nobody.");
        }

        return scope;
    }
}

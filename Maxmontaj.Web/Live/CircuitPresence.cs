using System.Collections.Concurrent;
using Maxmontaj.Core.Live;

namespace Maxmontaj.Web.Live;

/// <summary>Counts each user's open circuits; a user with none gets messages through the notification service.</summary>
public sealed class CircuitPresence : IPresence
{
    private readonly ConcurrentDictionary<Guid, int> _circuits = new();

    public bool IsOnline(Guid userId) => _circuits.TryGetValue(userId, out var count) && count > 0;

    internal void Connected(Guid userId) => _circuits.AddOrUpdate(userId, 1, (_, count) => count + 1);

    internal void Disconnected(Guid userId) =>
        _circuits.AddOrUpdate(userId, 0, (_, count) => Math.Max(0, count - 1));
}

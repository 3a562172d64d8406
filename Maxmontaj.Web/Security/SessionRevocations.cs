using System.Collections.Concurrent;

namespace Maxmontaj.Web.Security;

/// <summary>
/// Security stamps ended by a sign-out in this process, with a signal to the user's open circuits. Requests check it on
/// every cookie (no database work), so a replayed cookie is refused at once; the database stamp check, every
/// <see cref="SessionOptions.StampValidationInterval"/>, covers stamps changed elsewhere and restarts.
/// </summary>
public sealed class SessionRevocations(TimeProvider time)
{
    private static readonly TimeSpan Keep = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _ended = new(StringComparer.Ordinal);

    /// <summary>Raised with the user id after their sessions ended; open circuits of that user sign out.</summary>
    public event Action<Guid>? Ended;

    public bool IsEnded(string? stamp) => stamp is not null && _ended.ContainsKey(stamp);

    public void End(Guid userId, IEnumerable<string?> stamps)
    {
        var now = time.GetUtcNow();
        foreach (var (stamp, at) in _ended)
        {
            if (now - at > Keep)
            {
                _ended.TryRemove(stamp, out _);
            }
        }

        foreach (var stamp in stamps.OfType<string>())
        {
            _ended[stamp] = now;
        }

        Ended?.Invoke(userId);
    }
}

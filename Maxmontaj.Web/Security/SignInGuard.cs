using System.Collections.Concurrent;

namespace Maxmontaj.Web.Security;

/// <summary>
/// Failed sign-ins counted per (account, source address): after <see cref="SignInGuardOptions.MaxFailures"/> failures within
/// the window, that source is refused for that account for the lock time, while the owner signs in from anywhere else
/// (ADR 0017). In memory: the app is one process, and a restart forgetting counts costs an attacker's ~5 guesses at most.
/// </summary>
public sealed class SignInGuard(TimeProvider time, Microsoft.Extensions.Options.IOptionsMonitor<SignInGuardOptions> options)
{
    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<(string Account, string Source), Entry> _entries = new();

    public bool IsLocked(string account, string source) =>
        _entries.TryGetValue((account, source), out var entry) && entry.LockedUntil > time.GetUtcNow();

    /// <summary>Counts a failure; true when this one locked the source out.</summary>
    public bool RecordFailure(string account, string source)
    {
        var now = time.GetUtcNow();
        var rules = options.CurrentValue;
        if (_entries.Count > PruneAbove)
        {
            Prune(now, rules);
        }

        var locked = false;
        _entries.AddOrUpdate((account, source),
            _ => new Entry(1, now, DateTimeOffset.MinValue),
            (_, old) =>
            {
                var fresh = now - old.FirstFailure > rules.FailureWindow ? new Entry(1, now, old.LockedUntil) : old with { Failures = old.Failures + 1 };
                if (fresh.Failures >= rules.MaxFailures && fresh.LockedUntil <= now)
                {
                    locked = true;
                    return new Entry(0, now, now + rules.LockDuration);
                }

                return fresh;
            });
        return locked;
    }

    public void Reset(string account, string source) => _entries.TryRemove((account, source), out _);

    private void Prune(DateTimeOffset now, SignInGuardOptions rules)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.LockedUntil <= now && now - entry.FirstFailure > rules.FailureWindow)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private sealed record Entry(int Failures, DateTimeOffset FirstFailure, DateTimeOffset LockedUntil);
}

/// <summary><c>SignIn:*</c> settings of the per-source lock.</summary>
public sealed class SignInGuardOptions
{
    public int MaxFailures { get; set; } = 5;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan LockDuration { get; set; } = TimeSpan.FromMinutes(15);
}

using System.Collections.Concurrent;

namespace Maxmontaj.Load;

/// <summary>What a run records: latencies, errors by page kind, disconnects, batches.</summary>
public sealed class Stats
{
    private readonly ConcurrentQueue<double> _push = new();
    private readonly ConcurrentQueue<double> _events = new();
    private readonly ConcurrentDictionary<string, int> _errors = new();
    private readonly ConcurrentQueue<string> _firstErrors = new();
    private long _batches;
    private long _bytes;
    private int _disconnects;

    public int Errors => _errors.Values.Sum();

    public int Disconnects => _disconnects;

    public long Batches => Interlocked.Read(ref _batches);

    public long Bytes => Interlocked.Read(ref _bytes);

    public IReadOnlyList<double> Push => [.. _push];

    public IReadOnlyList<double> Events => [.. _events];

    public IEnumerable<string> FirstErrors => _firstErrors;

    public IReadOnlyDictionary<string, int> ErrorsByKind => _errors;

    public void Pushed(double ms) => _push.Enqueue(ms);

    public void Handled(double ms) => _events.Enqueue(ms);

    public void Batch(int bytes)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _bytes, bytes);
    }

    public void Error(string kind, string message)
    {
        _errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
        if (_firstErrors.Count < 10)
        {
            _firstErrors.Enqueue($"{kind}: {message}");
        }
    }

    public void Disconnected() => Interlocked.Increment(ref _disconnects);

    public static string Percentiles(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return "n=0";
        }

        var sorted = values.Order().ToArray();
        double At(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return $"n={sorted.Length} p50={At(0.50):0.0} p95={At(0.95):0.0} p99={At(0.99):0.0} max={sorted[^1]:0.0} ms";
    }
}

using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Maxmontaj.Tests.Support;

/// <summary>A Serilog sink registered in the app's services (the app reads sinks from DI): the log lines a test can read.</summary>
public sealed class LogCapture : ILogEventSink
{
    public ConcurrentQueue<LogEvent> Events { get; } = new();

    public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);

    public IEnumerable<LogEvent> WithProperty(string name, string value) =>
        Events.Where(e => e.Properties.TryGetValue(name, out var v) && v is ScalarValue { Value: string s } && s == value);

    /// <summary>Every line as it would be written, properties included.</summary>
    public IEnumerable<string> Lines() =>
        Events.Select(e => e.RenderMessage() + " " + string.Join(" ", e.Properties.Select(p => $"{p.Key}={p.Value}")));
}

/// <summary>
/// Serilog's loggers write through the static <c>Log.Logger</c>, which the last app built in the process owns: tests that
/// read captured events run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LogCaptureCollection
{
    public const string Name = "Log capture";
}

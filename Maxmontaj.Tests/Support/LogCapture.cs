using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Maxmontaj.Tests.Support;

/// <summary>
/// A Serilog sink registered in the app's services (the app reads sinks from DI): the log lines a test can read. Each app
/// host has its own Serilog logger (LoggingSetup keeps the static <c>Log.Logger</c> untouched with
/// <c>preserveStaticLogger</c>), so a capture sees only its own app's events and its tests may run in parallel with others.
/// </summary>
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

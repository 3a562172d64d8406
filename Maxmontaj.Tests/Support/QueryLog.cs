using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Maxmontaj.Tests.Support;

/// <summary>
/// Records the SQL commands EF runs against one test database (told apart by its connection string), through EF's
/// diagnostic events: nothing in the app changes. A command is its text with its parameter values, so the same query
/// for the same data twice shows up as a repeat.
/// </summary>
public sealed class QueryLog : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _database;
    private readonly IDisposable _allListeners;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly ConcurrentQueue<string> _commands = new();

    /// <param name="database">A part of the connection string naming the database, such as the SQLite file's path.</param>
    public QueryLog(string database)
    {
        _database = database;
        _allListeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>What separates <see cref="Before"/> from <see cref="After"/>.</summary>
    public const string Marker = "-- mark --";

    public IReadOnlyList<string> Commands => [.. _commands.Where(c => c != Marker)];

    /// <summary>Marks a point in time, such as a circuit opening, to tell the commands before it from those after it.</summary>
    public void Mark() => _commands.Enqueue(Marker);

    /// <summary>The commands before the first mark.</summary>
    public IReadOnlyList<string> Before => [.. _commands.TakeWhile(c => c != Marker)];

    /// <summary>The commands after the first mark.</summary>
    public IReadOnlyList<string> After => [.. _commands.SkipWhile(c => c != Marker).Where(c => c != Marker)];

    public void Clear() => _commands.Clear();

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(listener.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is CommandExecutedEventData { Command: var command }
            && command.Connection?.ConnectionString.Contains(_database, StringComparison.OrdinalIgnoreCase) == true)
        {
            _commands.Enqueue(Describe(command));
        }
    }

    private static string Describe(DbCommand command) =>
        command.CommandText + " -- " + string.Join(", ", command.Parameters.Cast<DbParameter>().Select(p => $"{p.ParameterName}={p.Value}"));

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _allListeners.Dispose();
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }
    }
}

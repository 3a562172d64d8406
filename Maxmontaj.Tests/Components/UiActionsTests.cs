using System.Collections.Concurrent;
using Bunit;
using Maxmontaj.Core.Common;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Errors;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor;

namespace Maxmontaj.Tests.Components;

/// <summary>The one helper event handlers call services through: what each failure shows, and what it logs.</summary>
public sealed class UiActionsTests : BunitTestBase
{
    private static readonly Guid UserId = Guid.NewGuid();
    private readonly RecordingLoggerProvider _logs = new();
    private IRenderedComponent<MudSnackbarProvider> _snackbars = default!;
    private UiActions _actions = default!;

    public override Task InitializeAsync()
    {
        Services.AddSingleton<ICurrentUser>(new TestCurrentUser().As(UserId, "Dispatcher"));
        Services.AddLogging(b => b.AddProvider(_logs));
        _snackbars = Render<MudSnackbarProvider>();
        Services.GetRequiredService<CircuitInfo>().Id = "circuit-42";
        _actions = Services.GetRequiredService<UiActions>();
        return Task.CompletedTask;
    }

    public static TheoryData<Exception, string> Failures() => new()
    {
        { new NotFoundException("Order", 1), "Этих данных уже нет" },
        { new KeyNotFoundException(), "Этих данных уже нет" },
        { new ForbiddenAccessException(), "У вас нет прав на это действие." },
        { new UnauthorizedAccessException(), "У вас нет прав на это действие." },
        { new DbUpdateConcurrencyException("conflict"), "Данные только что изменил другой пользователь." },
        { new DbUpdateException("blip"), "База данных временно недоступна." },
        { new SqliteException("database is locked", 5), "База данных временно недоступна." },
        { new TimeoutException(), "База данных временно недоступна." },
        { new InvalidOperationException("a bug"), "Не удалось выполнить действие. Попробуйте ещё раз." },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task An_exception_becomes_a_Russian_snackbar_and_a_log_entry_with_circuit_and_user(Exception exception, string message)
    {
        var done = await _actions.RunAsync(() => Task.FromException(exception));

        Assert.False(done);
        _snackbars.WaitForAssertion(() => Assert.Contains(message, _snackbars.Markup));
        Assert.DoesNotContain(exception.Message, _snackbars.Markup);
        var entry = Assert.Single(_logs.Entries, e => e.Exception == exception);
        Assert.Contains("circuit-42", entry.Message);
        Assert.Contains(UserId.ToString(), entry.Message);
        Assert.Equal(exception is InvalidOperationException ? LogLevel.Error : LogLevel.Warning, entry.Level);
    }

    [Fact]
    public async Task A_concurrency_conflict_inside_a_command_comes_back_as_a_failed_result_for_an_inline_message()
    {
        var result = await _actions.RunAsync(() => Task.FromException<Result>(new DbUpdateConcurrencyException("conflict")), inline: true);

        Assert.Equal(UiFailures.Conflict, Assert.Single(result.Errors).Code);
        Assert.DoesNotContain("Данные только что изменил", _snackbars.Markup);
    }

    [Fact]
    public async Task A_refused_result_is_worded_by_ErrorText_in_a_snackbar_and_success_shows_its_message()
    {
        var refused = await _actions.RunAsync(() => Task.FromResult(Result.Failure(Maxmontaj.Core.Orders.OrderErrors.Conflict)), "Готово");
        var done = await _actions.RunAsync(() => Task.FromResult(Result<int>.Success(7)), "Сохранено.");

        Assert.False(refused.Succeeded);
        Assert.Equal(7, done.Value);
        _snackbars.WaitForAssertion(() =>
        {
            Assert.Contains("Заказ только что изменил другой пользователь.", _snackbars.Markup);
            Assert.Contains("Сохранено.", _snackbars.Markup);
            Assert.DoesNotContain("Готово", _snackbars.Markup);
        });
    }

    [Fact]
    public async Task A_failed_query_returns_the_fallback()
    {
        var rows = await _actions.QueryAsync<IReadOnlyList<int>>(() => throw new TimeoutException(), [1, 2]);

        Assert.Equal([1, 2], rows);
        _snackbars.WaitForAssertion(() => Assert.Contains("База данных временно недоступна.", _snackbars.Markup));
    }

    [Fact]
    public async Task A_cancelled_action_shows_nothing_and_a_cancelled_grid_load_is_handed_back_to_the_grid()
    {
        var done = await _actions.RunAsync(() => Task.FromCanceled(new CancellationToken(canceled: true)));

        Assert.False(done);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _actions.QueryAsync<int>(() => Task.FromCanceled<int>(new CancellationToken(canceled: true)), 0));
        Assert.Empty(_snackbars.FindAll(".mud-snackbar"));
    }

    private sealed record LogEntry(LogLevel Level, string Message, Exception? Exception);

    private sealed class RecordingLoggerProvider : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<LogEntry> _entries = new();

        public IReadOnlyList<LogEntry> Entries => [.. _entries];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _entries.Enqueue(new LogEntry(logLevel, formatter(state, exception), exception));

        public void Dispose()
        {
        }
    }
}

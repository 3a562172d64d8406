using Maxmontaj.Core.Common;
using Maxmontaj.Web.Localization;
using MudBlazor;

namespace Maxmontaj.Web.Errors;

/// <summary>
/// The one way an event handler calls a service: an exception (not found, forbidden, a concurrency conflict, a database
/// blip, a bug) and a refused <see cref="Result"/> become a Russian message — a snackbar, or the caller's inline message —
/// and a log entry with the circuit and the user. The circuit, and the page, keep working.
/// </summary>
public sealed class UiActions(ISnackbar snackbar, ErrorText errors, CircuitInfo circuit, ICurrentUser currentUser, ILogger<UiActions> logger)
{
    /// <summary>Runs an action that returns nothing; false when it failed (the user has been told).</summary>
    public async Task<bool> RunAsync(Func<Task> action, string? success = null)
    {
        try
        {
            await action();
        }
        catch (Exception exception)
        {
            Show(Failed(exception));
            return false;
        }

        ShowSuccess(success);
        return true;
    }

    /// <summary>Runs a command. Its errors and any exception come back as a failed result; with <paramref name="inline"/> the caller shows them, otherwise a snackbar does.</summary>
    public async Task<Result> RunAsync(Func<Task<Result>> action, string? success = null, bool inline = false)
    {
        Result result;
        try
        {
            result = LogRefusal(await action());
        }
        catch (Exception exception)
        {
            result = Result.Failure(Failed(exception));
        }

        Report(result, success, inline);
        return result;
    }

    /// <summary>Runs a command with a value, as <see cref="RunAsync(Func{Task{Result}}, string?, bool)"/>.</summary>
    public async Task<Result<T>> RunAsync<T>(Func<Task<Result<T>>> action, string? success = null, bool inline = false)
    {
        Result<T> result;
        try
        {
            result = LogRefusal(await action());
        }
        catch (Exception exception)
        {
            result = Result<T>.Failure(Failed(exception));
        }

        Report(result, success, inline);
        return result;
    }

    /// <summary>Reads something for the page; on failure the user is told and <paramref name="fallback"/> is returned.</summary>
    public async Task<T> QueryAsync<T>(Func<Task<T>> query, T fallback)
    {
        try
        {
            return await query();
        }
        catch (OperationCanceledException)
        {
            // A grid cancels its previous load when a newer one starts; it expects the cancellation back.
            throw;
        }
        catch (Exception exception)
        {
            Show(Failed(exception));
            return fallback;
        }
    }

    /// <summary>Logs a failure caught elsewhere (the error boundary, a disposal) with the circuit and the user; returns its error.</summary>
    public Error Log(Exception exception, string source)
    {
        var error = UiFailures.Classify(exception);
        if (UiFailures.IsSilent(error))
        {
            logger.LogDebug(exception, "{Source} ended with the circuit {CircuitId} of user {UserId}", source, circuit.Id, UserId);
            return error;
        }

        logger.Log(UiFailures.IsExpected(error) ? LogLevel.Warning : LogLevel.Error, exception,
            "{Source} failed ({Failure}) in circuit {CircuitId} for user {UserId}", source, error.Code, circuit.Id, UserId);
        return error;
    }

    /// <summary>Shows one error as a snackbar.</summary>
    public void Show(Error error)
    {
        if (!UiFailures.IsSilent(error))
        {
            snackbar.Add(errors.For(error), UiFailures.IsExpected(error) ? Severity.Warning : Severity.Error);
        }
    }

    private Error Failed(Exception exception) => Log(exception, "A user action");

    private void Report(Result result, string? success, bool inline)
    {
        if (result.Succeeded)
        {
            ShowSuccess(success);
            return;
        }

        if (!inline && !result.Errors.All(UiFailures.IsSilent))
        {
            snackbar.Add(errors.For(result.Errors), result.Errors.All(UiFailures.IsExpected) ? Severity.Warning : Severity.Error);
        }
    }

    private TResult LogRefusal<TResult>(TResult result) where TResult : Result
    {
        if (!result.Succeeded)
        {
            logger.LogInformation("A user action was refused ({Codes}) in circuit {CircuitId} for user {UserId}",
                string.Join(",", result.Errors.Select(e => e.Code)), circuit.Id, UserId);
        }

        return result;
    }

    private void ShowSuccess(string? success)
    {
        if (success is not null)
        {
            snackbar.Add(success, Severity.Success);
        }
    }

    // Read when logging, not when the helper is made: the circuit's user is set on this same scoped object later.
    private Guid? UserId => currentUser.UserId;
}

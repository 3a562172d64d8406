using System.Data.Common;
using Maxmontaj.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.JSInterop;

namespace Maxmontaj.Web.Errors;

/// <summary>What an exception from a service means to the person who clicked: one error code (worded by ErrorText).</summary>
public static class UiFailures
{
    public const string NotFound = "Ui.NotFound";
    public const string Forbidden = "Ui.Forbidden";
    public const string Conflict = "Ui.Conflict";
    public const string Unavailable = "Ui.Unavailable";
    public const string Cancelled = "Ui.Cancelled";
    public const string Unexpected = "Unexpected";

    public static Error Classify(Exception exception) => new(exception switch
    {
        OperationCanceledException or JSDisconnectedException => Cancelled,
        NotFoundException or KeyNotFoundException => NotFound,
        ForbiddenAccessException or UnauthorizedAccessException => Forbidden,
        DbUpdateConcurrencyException => Conflict,
        DbUpdateException or DbException or TimeoutException or RetryLimitExceededException => Unavailable,
        _ => Unexpected,
    });

    /// <summary>An unknown failure is a bug and is logged as an error; the expected kinds are warnings.</summary>
    public static bool IsExpected(Error error) => error.Code != Unexpected;

    /// <summary>A cancelled operation (a newer grid load, a closed circuit) is nothing to tell the user about.</summary>
    public static bool IsSilent(Error error) => error.Code == Cancelled;
}

using Maxmontaj.Core.Common;
using Microsoft.Extensions.Localization;

namespace Maxmontaj.Web.Localization;

/// <summary>The one place where Core's error codes become words for people.</summary>
public sealed class ErrorText(IStringLocalizer<SharedResource> localizer)
{
    public string For(Error error)
    {
        var text = localizer[$"Error.{error.Code}"];
        if (text.ResourceNotFound)
        {
            return error.Code.StartsWith("Identity.", StringComparison.Ordinal) ? localizer["Error.Identity.Password"] : localizer["Error.Unexpected"];
        }

        // Some messages name what they are about ("Not ticked: «{0}»"); the error carries it in its field.
        return text.Value.Contains("{0}", StringComparison.Ordinal) ? string.Format(text.Value, error.Field) : text.Value;
    }

    public string For(IEnumerable<Error> errors) => string.Join(" ", errors.Select(For).Distinct());

    /// <summary>Errors for one form field, for field-level messages.</summary>
    public IReadOnlyList<string> ForField(IEnumerable<Error> errors, string field) =>
        errors.Where(e => e.Field == field).Select(For).Distinct().ToList();
}

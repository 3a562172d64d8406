using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Maxmontaj.Core.Audit;

/// <summary>
/// What an audit entry says changed: field → {old, new} for edits, or plain facts. Callers add only what may be read by
/// admins: never a password, a token or a link carrying one (there is no method that takes a secret on purpose).
/// </summary>
public sealed class AuditDetails
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
    private readonly Dictionary<string, object?> _fields = [];

    /// <summary>Adds field → {old, new} when the values differ; equal values add nothing.</summary>
    public AuditDetails Change(string field, object? old, object? @new)
    {
        if (!Equals(old, @new))
        {
            _fields[field] = new Dictionary<string, object?> { ["old"] = old, ["new"] = @new };
        }

        return this;
    }

    /// <summary>Adds a fact (a name, a channel, a reason).</summary>
    public AuditDetails Set(string field, object? value)
    {
        _fields[field] = value;
        return this;
    }

    /// <summary>True when nothing was added (an edit that changed nothing).</summary>
    public bool IsEmpty => _fields.Count == 0;

    public string? ToJson()
    {
        if (IsEmpty)
        {
            return null;
        }

        var json = JsonSerializer.Serialize(_fields, Json);
        return json.Length > AuditEntry.MaxDetails ? json[..(AuditEntry.MaxDetails - 1)] + "…" : json;
    }

    /// <summary>A list as one comparable text (roles, skills), sorted so that order does not count as a change.</summary>
    public static string List<T>(IEnumerable<T> items) => string.Join(", ", items.Select(i => i?.ToString()).Order(StringComparer.Ordinal));
}

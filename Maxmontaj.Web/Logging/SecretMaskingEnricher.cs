using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace Maxmontaj.Web;

/// <summary>
/// Masks credentials in every property of every log event before any sink sees it: Telegram bot tokens in Bot API addresses
/// (HttpClient logging), status-link tokens in paths (<c>/s/{token}</c>: request logging, the request scope's RequestPath),
/// and <c>token=</c>/<c>code=</c> query values (invitation and password links). Only their hashes are stored, so the
/// log must not keep them either.
/// </summary>
public sealed partial class SecretMaskingEnricher : ILogEventEnricher
{
    public const string Mask = "***";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? changed = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            if (Masked(value) is { } masked)
            {
                (changed ??= []).Add(new LogEventProperty(name, masked));
            }
        }

        foreach (var property in changed ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    /// <summary>The text with every credential replaced by <see cref="Mask"/>.</summary>
    public static string MaskText(string text) =>
        QueryToken().Replace(StatusLinkToken().Replace(BotToken().Replace(text, "$1" + Mask), "$1" + Mask), "$1" + Mask);

    /// <summary>The value with credentials masked, or null when it had none (so unchanged events keep their objects).</summary>
    private static LogEventPropertyValue? Masked(LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: string or Uri } scalar:
                var text = scalar.Value.ToString()!;
                var masked = MaskText(text);
                return masked == text ? null : new ScalarValue(masked);
            case SequenceValue sequence:
                var elements = sequence.Elements.Select(e => Masked(e)).ToList();
                return elements.All(e => e is null) ? null : new SequenceValue(elements.Select((e, i) => e ?? sequence.Elements[i]));
            case StructureValue structure:
                var properties = structure.Properties.Select(p => Masked(p.Value)).ToList();
                return properties.All(p => p is null) ? null
                    : new StructureValue(structure.Properties.Select((p, i) => properties[i] is { } m ? new LogEventProperty(p.Name, m) : p), structure.TypeTag);
            case DictionaryValue dictionary:
                var entries = dictionary.Elements.Select(e => Masked(e.Value)).ToList();
                return entries.All(e => e is null) ? null
                    : new DictionaryValue(dictionary.Elements.Select((e, i) => new KeyValuePair<ScalarValue, LogEventPropertyValue>(e.Key, entries[i] ?? e.Value)));
            default:
                return null;
        }
    }

    // Bot API addresses: /bot{id}:{secret}/method.
    [GeneratedRegex(@"(/bot)\d+:[A-Za-z0-9_-]+")]
    private static partial Regex BotToken();

    // Status links: /s/{token}, whatever comes before (a path base, a scheme and host).
    [GeneratedRegex(@"(/s/)[^/?#\s""']+")]
    private static partial Regex StatusLinkToken();

    // One-time links' query values.
    [GeneratedRegex(@"([?&](?:token|code)=)[^&#\s""']+", RegexOptions.IgnoreCase)]
    private static partial Regex QueryToken();
}

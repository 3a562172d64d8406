namespace Maxmontaj.Core.Registration;

/// <summary>
/// A bot reply as an outbox row's text: the numbered options written out, and on Telegram a leading marker for the reply
/// keyboard (the outbox row has only text), which the Telegram channel turns back into a keyboard and strips.
/// </summary>
public static class BotReplyText
{
    private const string ContactMarker = "[[keyboard:contact]]";
    private const string RemoveMarker = "[[keyboard:remove]]";

    public static string Compose(BotReply reply, string channel)
    {
        var text = reply.Options is { Count: > 0 } choices
            ? reply.Text + "\n" + string.Join("\n", choices.Select((c, i) => $"{i + 1}. {c}"))
            : reply.Text;
        return channel != "Telegram" ? text : (reply.Keyboard == ReplyKeyboard.RequestContact ? ContactMarker : RemoveMarker) + text;
    }

    /// <summary>The text to send and the keyboard it asks for (null: a plain notification, no keyboard change).</summary>
    public static (string Text, ReplyKeyboard? Keyboard) Split(string text) =>
        text.StartsWith(ContactMarker, StringComparison.Ordinal) ? (text[ContactMarker.Length..], ReplyKeyboard.RequestContact)
        : text.StartsWith(RemoveMarker, StringComparison.Ordinal) ? (text[RemoveMarker.Length..], ReplyKeyboard.None)
        : (text, null);
}

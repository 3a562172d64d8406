using System.Net;
using Maxmontaj.Tests.Support;
using Serilog.Events;

namespace Maxmontaj.Tests.Integrations;

/// <summary>
/// Authenticated but unusable payloads: each answers 200 (the messengers redeliver anything else for days), logs a warning
/// and stores nothing. Before, several of them answered 500 with a stack trace.
/// </summary>
internal static class BotWarnings
{
    /// <summary>Warnings from the bots' own webhook handling (not from whatever else the app logs meanwhile).</summary>
    public static int Count(LogCapture log) => log.Events.Count(e => e.Level == LogEventLevel.Warning
        && e.Properties.TryGetValue("SourceContext", out var source) && source.ToString().Trim('"') is "Maxmontaj.WhatsApp" or "Maxmontaj.Web.Integrations.Telegram.TelegramBot");
}

[Trait("Category", "Sqlite")]
public sealed class TelegramMalformedPayloadTests(TelegramAppFactory app) : IClassFixture<TelegramAppFactory>
{
    [Theory]
    [InlineData("""{"update_id":7001,"message":{"message_id":1,"date":1764300000,"text":"/start"}}""")]                                    // no chat
    [InlineData("""{"update_id":7002,"message":{"message_id":1,"date":1764300000,"chat":{"type":"private"},"text":"/start"}}""")]        // chat without id
    [InlineData("""{"update_id":"abc","message":{"message_id":1,"date":1764300000,"chat":{"id":5,"type":"private"},"text":"hi"}}""")]    // wrong type
    [InlineData("""{"update_id":7003,"message":5}""")]                                                                                    // wrong type
    [InlineData("""{"update_id":7004,"message":{"message_id":1,"date":1764300000,"chat":{"id":"x","type":"private"},"text":"hi"}}""")]  // wrong type
    [InlineData("""{"update_id":7005,"message":{"message_id":1,"date":1764300000,"chat":{"id":5,"type":"private"},"text":42}}""")]      // wrong type
    [InlineData("""{"update_id":7006,"edited_message":{"message_id":1,"date":1764300000,"chat":{"id":5,"type":"private"},"text":"x"}}""")] // another kind
    [InlineData("""{"update_id":7007,"my_chat_member":{"chat":{"id":5,"type":"private"},"date":1764300000}}""")]                          // another kind
    [InlineData("""{"update_id":7008}""")]                                                                                                 // nothing in it
    [InlineData("""{"message":{"message_id":1,"date":1764300000,"chat":{"id":5,"type":"private"},"text":"hi"}}""")]                      // no update_id
    [InlineData("{ not json")]
    [InlineData("null")]
    [InlineData("[]")]
    public async Task A_signed_but_unusable_update_gets_200_a_warning_and_stores_nothing(string json)
    {
        var before = await BotPayloads.StoredAsync(app);
        var warnings = BotWarnings.Count(app.Log);

        var response = await BotPayloads.PostTelegramAsync(app, json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, await BotPayloads.StoredAsync(app));
        Assert.True(BotWarnings.Count(app.Log) > warnings, "no warning was logged");
    }
}

[Trait("Category", "Sqlite")]
public sealed class WhatsAppMalformedPayloadTests(WhatsAppAppFactory app) : IClassFixture<WhatsAppAppFactory>
{
    private const string Message = """{"from":"79161234567","id":"wamid.ok","type":"text","text":{"body":"hi"}}""";

    private static string Value(string value) => $$"""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{{value}}}]}]}""";

    public static TheoryData<string> Payloads() =>
    [
        """{"object":"whatsapp_business_account","entry":{"id":"1","changes":[]}}""",                        // entry is not an array
        """{"entry":"x"}""",
        """{"object":"whatsapp_business_account"}""",                                                          // no entry
        """{"entry":[{"id":"1","changes":{"value":{}}}]}""",                                                 // changes is not an array
        """{"entry":[5]}""",
        """{"entry":[{"changes":[{"value":"v"}]}]}""",                                                       // value is not an object
        Value($$"""{"messages":{{Message}}}"""),                                                              // messages is not an array
        Value("""{"messages":[{"from":79161234567,"id":"wamid.m1","type":"text","text":{"body":"hi"}}]}"""), // numeric from
        Value("""{"messages":[{"from":"79161234567","type":"text","text":{"body":"hi"}}]}"""),               // no id
        Value("""{"messages":[{"from":"79161234567","id":7,"type":"text","text":{"body":"hi"}}]}"""),        // numeric id
        Value("""{"messages":[{"from":"not-a-phone","id":"wamid.m2","type":"text","text":{"body":"hi"}}]}"""),
        Value("""{"messages":[{"id":"wamid.m3","type":"text","text":{"body":"hi"}}]}"""),                    // no from
        Value("""{"messages":[{"from":"79161234567","id":"wamid.m4","type":"text","text":"hi"}]}"""),       // text is not an object
        Value("""{"messages":[{"from":"79161234567","id":"wamid.m5","type":"text","text":{"body":5}}]}"""), // body is not a string
        Value("""{"messages":[null]}"""),
        Value("""{"statuses":[{"id":5,"status":"sent"}]}"""),                                                // numeric status id
        Value("""{"statuses":[{"id":"wamid.none","status":"failed","errors":[{"code":"x","title":5}]}]}"""), // error code not a number
        Value("""{"statuses":{"id":"wamid.none"}}"""),
        "{ nope",
        "[]",
        "5",
        "null",
    ];

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task A_signed_but_unusable_payload_gets_200_a_warning_and_stores_nothing(string json)
    {
        var before = await BotPayloads.StoredAsync(app);
        var warnings = BotWarnings.Count(app.Log);

        var response = await BotPayloads.PostWhatsAppAsync(app, json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, await BotPayloads.StoredAsync(app));
        Assert.True(BotWarnings.Count(app.Log) > warnings, "no warning was logged");
    }
}

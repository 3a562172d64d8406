using System.Security.Cryptography;
using System.Text;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Tests.Integrations;

public sealed class TelegramAppFactory_MariaDb : TelegramAppFactory
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

public sealed class WhatsAppAppFactory_MariaDb : WhatsAppAppFactory
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

/// <summary>Webhook calls as the messengers make them: Telegram with its secret header, WhatsApp signed with the app secret.</summary>
public static class BotPayloads
{
    public static string TelegramUpdate(long chat, string text, long updateId) =>
        $$$"""{"update_id":{{{updateId}}},"message":{"message_id":{{{updateId}}},"date":1764300000,"chat":{"id":{{{chat}}},"type":"private"},"from":{"id":{{{chat}}},"is_bot":false,"first_name":"Иван"},"text":"{{{text}}}"}}""";

    public static string WhatsAppMessage(string from, string text, string id) =>
        $$$"""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","messages":[{"from":"{{{from}}}","id":"{{{id}}}","timestamp":"1764300000","type":"text","text":{"body":"{{{text}}}"}}]}}]}]}""";

    public static async Task<HttpResponseMessage> PostTelegramAsync(MaxmontajAppFactory app, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/webhook") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", TelegramAppFactory.Secret);
        return await app.CreateClient().SendAsync(request);
    }

    public static async Task<HttpResponseMessage> PostWhatsAppAsync(MaxmontajAppFactory app, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/whatsapp/webhook") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Hub-Signature-256",
            "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WhatsAppAppFactory.Secret), Encoding.UTF8.GetBytes(json))));
        return await app.CreateClient().SendAsync(request);
    }

    /// <summary>How many rows the bots could have written: handled marks, outbox rows, WhatsApp windows, applications.</summary>
    public static async Task<(int Updates, int Notifications, int Sessions, int Applications)> StoredAsync(MaxmontajAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaxmontajDbContext>();
        return (await db.ProcessedUpdates.CountAsync(), await db.Notifications.CountAsync(), await db.WhatsAppSessions.CountAsync(),
            await db.ExecutorApplications.CountAsync());
    }
}

using Maxmontaj.Core.Registration;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Maxmontaj.Web.Integrations.Telegram;

/// <summary>
/// Turns Telegram updates (webhook or long polling) into the conversation's messages. The conversation saves the handled
/// mark, its step and the replies as outbox rows in one transaction; the outbox worker sends them, so nothing here waits on
/// the Bot API.
/// </summary>
public sealed class TelegramBot(
    IOptionsMonitor<TelegramOptions> options,
    IHttpClientFactory httpClients,
    RegistrationConversation conversation,
    ILogger<TelegramBot> logger)
{
    public ITelegramBotClient Client =>
        new TelegramBotClient(new TelegramBotClientOptions(options.CurrentValue.Token!, baseUrl: options.CurrentValue.BaseUrl),
            httpClients.CreateClient(TelegramChannel.HttpClientName));

    public async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        // Authenticated but unusable: answered (Telegram would redeliver anything else forever), logged, nothing stored.
        if (update.Id <= 0 || update.Message is not { Chat: { Id: not 0 } chat } message)
        {
            logger.LogWarning("Telegram update {UpdateId} ignored: {Reason}", update.Id,
                update.Id <= 0 ? "no update_id" : update.Message is null ? $"not a message ({update.Type})" : "a message without chat");
            return;
        }

        // A contact counts as the sender's own only when Telegram says it belongs to the same user.
        var incoming = new IncomingMessage("Telegram", chat.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), message.Text,
            message.Contact?.PhoneNumber, message.Contact?.UserId is { } owner && owner == message.From?.Id);
        await conversation.HandleOnceAsync(update.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), incoming, cancellationToken);
    }
}

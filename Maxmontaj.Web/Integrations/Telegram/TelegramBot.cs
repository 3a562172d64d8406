using Maxmontaj.Core.Registration;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace Maxmontaj.Web.Integrations.Telegram;

/// <summary>Turns Telegram updates into the registration conversation's messages and sends its replies back.</summary>
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
        if (update.Message is not { } message)
        {
            return;
        }

        // A contact counts as the sender's own only when Telegram says it belongs to the same user.
        var incoming = new IncomingMessage("Telegram", message.Chat.Id.ToString(), message.Text, message.Contact?.PhoneNumber,
            message.Contact?.UserId is { } owner && owner == message.From?.Id);
        var replies = await conversation.HandleOnceAsync(update.Id.ToString(), incoming, cancellationToken);
        foreach (var reply in replies)
        {
            try
            {
                var text = reply.Options is { Count: > 0 } choices
                    ? reply.Text + "\n" + string.Join("\n", choices.Select((c, i) => $"{i + 1}. {c}"))
                    : reply.Text;
                ReplyMarkup markup = reply.Keyboard == ReplyKeyboard.RequestContact
                    ? new ReplyKeyboardMarkup(KeyboardButton.WithRequestContact(BotTexts.ShareButton)) { ResizeKeyboard = true, OneTimeKeyboard = true }
                    : new ReplyKeyboardRemove();
                await Client.SendMessage(message.Chat.Id, text, replyMarkup: markup, cancellationToken: cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The conversation state is saved; a reply that could not be sent is not worth failing the webhook for.
                logger.LogWarning(exception, "Could not answer Telegram chat {ChatId}", message.Chat.Id);
            }
        }
    }
}

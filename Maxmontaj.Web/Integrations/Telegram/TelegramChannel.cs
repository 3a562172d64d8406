using System.Net.Sockets;
using Maxmontaj.Core.Notifications;
using Maxmontaj.Core.Registration;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.ReplyMarkups;

namespace Maxmontaj.Web.Integrations.Telegram;

/// <summary>Sends notifications to the chat linked to the account, through the Bot API at the configured address.</summary>
public sealed class TelegramChannel(IOptionsMonitor<TelegramOptions> options, IHttpClientFactory httpClients) : INotificationChannel
{
    public const string HttpClientName = "telegram";

    public string Name => "Telegram";

    public bool CanReach(NotificationRecipient recipient) =>
        !string.IsNullOrWhiteSpace(options.CurrentValue.Token) && recipient.TelegramChatId is not null;

    public async Task<DeliveryResult> SendAsync(NotificationRecipient recipient, string text, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        // No automatic retry of "429 retry after X" inside the library: the outbox decides whether to wait or move on.
        var client = new TelegramBotClient(new TelegramBotClientOptions(settings.Token!, baseUrl: settings.BaseUrl) { RetryThreshold = 0, RetryCount = 0 },
            httpClients.CreateClient(HttpClientName));
        try
        {
            // A bot reply carries its reply keyboard as a marker (the outbox row has only text).
            var (body, keyboard) = BotReplyText.Split(text);
            ReplyMarkup? markup = keyboard switch
            {
                ReplyKeyboard.RequestContact => new ReplyKeyboardMarkup(KeyboardButton.WithRequestContact(BotTexts.ShareButton)) { ResizeKeyboard = true, OneTimeKeyboard = true },
                ReplyKeyboard.None => new ReplyKeyboardRemove(),
                _ => null,
            };
            await client.SendMessage(recipient.TelegramChatId!.Value, body, replyMarkup: markup, cancellationToken: cancellationToken);
            return new DeliveryResult(DeliveryOutcome.Sent);
        }
        catch (ApiRequestException exception) when (exception.ErrorCode is 400 or 403)
        {
            // The user blocked the bot, or the chat is gone: this channel cannot deliver, try the next.
            return new DeliveryResult(DeliveryOutcome.GiveUp, $"{exception.ErrorCode}: {exception.Message}");
        }
        catch (ApiRequestException exception) when (exception.ErrorCode == 429)
        {
            // Flood control: the outbox pauses the channel for retry_after and moves the message on if that is too long to wait.
            var wait = exception.Parameters?.RetryAfter is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            return new DeliveryResult(DeliveryOutcome.Retry, $"429: {exception.Message}", RetryAfter: wait ?? TimeSpan.FromSeconds(1));
        }
        catch (Exception exception) when (exception is ApiRequestException or RequestException or HttpRequestException or SocketException or TaskCanceledException)
        {
            return new DeliveryResult(DeliveryOutcome.Retry, exception.GetType().Name + ": " + exception.Message);
        }
    }
}

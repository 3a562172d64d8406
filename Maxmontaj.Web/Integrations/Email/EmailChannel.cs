using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Maxmontaj.Core.Notifications;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Maxmontaj.Web.Integrations.Email;

/// <summary>The last resort: a plain-text and an HTML body from the same text, over SMTP with MailKit.</summary>
public sealed class EmailChannel(IOptionsMonitor<EmailOptions> options) : INotificationChannel
{
    public string Name => "Email";

    public bool CanReach(NotificationRecipient recipient) =>
        !string.IsNullOrWhiteSpace(options.CurrentValue.Host) && !string.IsNullOrWhiteSpace(recipient.Email);

    public async Task<DeliveryResult> SendAsync(NotificationRecipient recipient, string text, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(new MailboxAddress(recipient.FullName, recipient.Email!));
        message.Subject = "Maxmontaj: " + (text.Length > 60 ? text[..60] + "…" : text);
        message.Body = new BodyBuilder
        {
            TextBody = text,
            HtmlBody = $"<p>{WebUtility.HtmlEncode(text).Replace("\n", "<br>")}</p><p style=\"color:#888\">Maxmontaj</p>",
        }.ToMessageBody();

        using var client = new SmtpClient { Timeout = 15000 };
        try
        {
            var security = settings.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            };
            await client.ConnectAsync(settings.Host!, settings.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(settings.User))
            {
                await client.AuthenticateAsync(settings.User, settings.Password ?? "", cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return new DeliveryResult(DeliveryOutcome.Sent);
        }
        catch (SmtpCommandException exception) when (exception.ErrorCode is SmtpErrorCode.RecipientNotAccepted)
        {
            return new DeliveryResult(DeliveryOutcome.GiveUp, "Recipient refused: " + exception.StatusCode);
        }
        catch (Exception exception) when (exception is SmtpCommandException or SmtpProtocolException or SocketException or IOException or ServiceNotConnectedException or TimeoutException)
        {
            return new DeliveryResult(DeliveryOutcome.Retry, exception.GetType().Name + ": " + exception.Message);
        }
    }
}

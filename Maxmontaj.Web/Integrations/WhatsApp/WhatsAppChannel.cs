using System.Net.Sockets;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Web.Integrations.WhatsApp;

/// <summary>
/// Free text within 24 hours of the person's last message, the approved template outside it, and the next channel when
/// neither is possible or Meta answers 131047.
/// </summary>
public sealed class WhatsAppChannel(IOptionsMonitor<WhatsAppOptions> options, IServiceScopeFactory scopes, TimeProvider time) : INotificationChannel
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public string Name => "WhatsApp";

    public bool CanReach(NotificationRecipient recipient) =>
        !string.IsNullOrWhiteSpace(options.CurrentValue.AccessToken) && !string.IsNullOrWhiteSpace(recipient.Phone);

    public async Task<DeliveryResult> SendAsync(NotificationRecipient recipient, string text, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IMaxmontajDbFactory>();
        var client = scope.ServiceProvider.GetRequiredService<WhatsAppClient>();
        var phone = recipient.Phone!;
        DateTimeOffset? last;
        await using (var context = await db.CreateAsync(cancellationToken))
        {
            last = await context.WhatsAppSessions.Where(s => s.Phone == phone).Select(s => (DateTimeOffset?)s.LastInboundAt).SingleOrDefaultAsync(cancellationToken);
        }

        var open = last is { } at && time.GetUtcNow() - at < Window;
        if (!open && string.IsNullOrWhiteSpace(options.CurrentValue.TemplateName))
        {
            return new DeliveryResult(DeliveryOutcome.GiveUp, "Outside the 24-hour window and no template is configured");
        }

        try
        {
            var to = phone.TrimStart('+');
            var id = open ? await client.SendTextAsync(to, text, cancellationToken) : await client.SendTemplateAsync(to, text, cancellationToken);
            return new DeliveryResult(DeliveryOutcome.Sent, ProviderMessageId: id);
        }
        catch (WhatsAppApiException exception) when (exception.Code == 131047 || exception.Status is >= 400 and < 500 and not 429)
        {
            return new DeliveryResult(DeliveryOutcome.GiveUp, $"{exception.Status}/{exception.Code}: {exception.Message}");
        }
        catch (WhatsAppApiException exception) when (exception.Status == 429)
        {
            return new DeliveryResult(DeliveryOutcome.Retry, $"429/{exception.Code}: {exception.Message}", RetryAfter: exception.RetryAfter ?? TimeSpan.FromSeconds(1));
        }
        catch (Exception exception) when (exception is WhatsAppApiException or HttpRequestException or SocketException or TaskCanceledException)
        {
            return new DeliveryResult(DeliveryOutcome.Retry, exception.GetType().Name + ": " + exception.Message);
        }
    }
}

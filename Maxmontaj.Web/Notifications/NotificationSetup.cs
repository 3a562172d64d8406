using Maxmontaj.Core.Notifications;
using Maxmontaj.Web.Integrations.Email;
using Maxmontaj.Web.Integrations.Telegram;

namespace Maxmontaj.Web.Notifications;

public static class NotificationSetup
{
    /// <summary>The channels (each off until configured) and the outbox worker.</summary>
    public static IServiceCollection AddMaxmontajNotifications(this IServiceCollection services, bool runWorker = true)
    {
        services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.Section);
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section);
        services.AddHttpClient(TelegramChannel.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        services.AddOptions<Integrations.WhatsApp.WhatsAppOptions>().BindConfiguration(Integrations.WhatsApp.WhatsAppOptions.Section);
        services.AddHttpClient<Integrations.WhatsApp.WhatsAppClient>(client => client.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<INotificationChannel, TelegramChannel>();
        services.AddSingleton<INotificationChannel, Integrations.WhatsApp.WhatsAppChannel>();
        services.AddSingleton<INotificationChannel, EmailChannel>();
        services.AddScoped<TelegramBot>();
        if (runWorker)
        {
            services.AddHostedService<OutboxWorker>();
            services.AddHostedService<TelegramPollingService>();
            services.AddHostedService<MorningListWorker>();
        }

        return services;
    }
}

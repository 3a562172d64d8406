using Maxmontaj.Core.Notifications;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Maxmontaj.Web.Integrations.Email;
using Maxmontaj.Web.Integrations.Telegram;

namespace Maxmontaj.Web.Notifications;

public static class NotificationSetup
{
    /// <summary>The channels (each off until configured) and the outbox worker.</summary>
    public static IServiceCollection AddMaxmontajNotifications(this IServiceCollection services, bool runWorker = true)
    {
        services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.Section);
        services.AddOptions<OutboxOptions>().BindConfiguration("Notifications");
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section);
        services.AddHttpClient(TelegramChannel.HttpClientName).AddResilienceHandler("telegram", (pipeline, _) => Resilience(pipeline));
        services.AddOptions<Integrations.WhatsApp.WhatsAppOptions>().BindConfiguration(Integrations.WhatsApp.WhatsAppOptions.Section);
        services.AddHttpClient<Integrations.WhatsApp.WhatsAppClient>().AddResilienceHandler("whatsapp", (pipeline, _) => Resilience(pipeline));
        services.AddSingleton<INotificationChannel, TelegramChannel>();
        services.AddSingleton<INotificationChannel, Integrations.WhatsApp.WhatsAppChannel>();
        services.AddSingleton<INotificationChannel, EmailChannel>();
        services.AddScoped<TelegramBot>();
        services.AddMetrics();
        if (runWorker)
        {
            services.AddHostedService<OutboxWorker>();
            services.AddHostedService<TelegramPollingService>();
            services.AddHostedService<MorningListWorker>();
        }

        return services;
    }

    /// <summary>
    /// For calls to messengers: no retries of POSTs (every Bot API and Graph API send is one; a repeated POST can send twice, and
    /// the outbox moves a failed send to the next channel instead), no circuit breaker or send timeout here either: the outbox
    /// owns both per channel (<see cref="ChannelHealth"/>, <see cref="OutboxOptions.SendTimeoutSeconds"/>, ADR 0024). Reads
    /// (GET) get one quick retry; a total timeout backs up calls made outside the outbox (webhook set-up, long polling).
    /// </summary>
    private static void Resilience(ResiliencePipelineBuilder<HttpResponseMessage> pipeline)
    {
        // Waits between HTTP retries are real time, even where the app's clock is a test's fake one.
        pipeline.TimeProvider = TimeProvider.System;
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 1,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        };
        retry.DisableForUnsafeHttpMethods();
        pipeline.AddRetry(retry);
        pipeline.AddTimeout(TimeSpan.FromSeconds(60));
    }
}

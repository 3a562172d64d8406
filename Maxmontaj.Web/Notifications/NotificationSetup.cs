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
        if (runWorker)
        {
            services.AddHostedService<OutboxWorker>();
            services.AddHostedService<TelegramPollingService>();
            services.AddHostedService<MorningListWorker>();
        }

        return services;
    }

    /// <summary>
    /// For calls to messengers: a short retry with jitter for passing network and 5xx failures, a circuit breaker so a messenger
    /// that is down is not hammered, and a timeout per attempt. Longer waits are the outbox's job, not the request's.
    /// </summary>
    private static void Resilience(ResiliencePipelineBuilder<HttpResponseMessage> pipeline)
    {
        // Waits between HTTP retries are real time, even where the app's clock is a test's fake one.
        pipeline.TimeProvider = TimeProvider.System;
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 2,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        });
        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            SamplingDuration = TimeSpan.FromSeconds(60),
            MinimumThroughput = 20,
            FailureRatio = 0.9,
            BreakDuration = TimeSpan.FromSeconds(30),
        });
        pipeline.AddTimeout(TimeSpan.FromSeconds(10));
    }
}

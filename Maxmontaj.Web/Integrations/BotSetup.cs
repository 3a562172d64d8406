using Maxmontaj.Web.Integrations.Telegram;

namespace Maxmontaj.Web.Integrations;

public static class BotSetup
{
    /// <summary>The bots' background work: Telegram's webhook registration at start and the daily pruning of handled updates.</summary>
    public static IServiceCollection AddMaxmontajBots(this IServiceCollection services)
    {
        services.AddSingleton<BotWebhooks>();
        services.AddHostedService<TelegramWebhookRegistration>();
        services.AddHostedService<ProcessedUpdateRetentionWorker>();
        return services;
    }
}

using Maxmontaj.Core.Notifications;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Web.Notifications;

/// <summary>
/// Runs the outbox in the background (<see cref="OutboxDispatcher.RunAsync"/>): woken by each commit that queues a
/// notification, delivering concurrently, and otherwise looking every <c>Notifications:PollSeconds</c>. Pending work survives
/// restarts because it lives in the database; a messenger that is down only delays its own messages.
/// </summary>
public sealed class OutboxWorker(IServiceScopeFactory scopes, IOutboxSignal signal, IOptions<OutboxOptions> options, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Deliver)
        {
            logger.LogInformation("The outbox does not deliver in this process (Notifications:Deliver is false)");
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().RunAsync(signal, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "The outbox pass failed; it runs again shortly");
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds)), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

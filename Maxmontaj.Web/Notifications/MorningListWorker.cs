using Maxmontaj.Core.Common;
using Maxmontaj.Core.Notifications;

namespace Maxmontaj.Web.Notifications;

/// <summary>Checks every minute whether it is past 07:00 company time and queues the day's lists (idempotent per person per day).</summary>
public sealed class MorningListWorker(IServiceScopeFactory scopes, CompanyCalendar calendar, TimeProvider time, ILogger<MorningListWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DateOnly? done = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var local = calendar.ToLocal(time.GetUtcNow());
            var today = DateOnly.FromDateTime(local.DateTime);
            if (done != today && TimeOnly.FromDateTime(local.DateTime) >= MorningListService.SendAt)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<MorningListService>().EnqueueAsync(today, stoppingToken);
                    done = today;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogError(exception, "Could not queue the morning lists");
                }
            }

            try
            {
                await Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

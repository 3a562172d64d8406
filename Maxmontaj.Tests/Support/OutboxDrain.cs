using Maxmontaj.Core.Notifications;
using Maxmontaj.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Tests.Support;

/// <summary>
/// Delivers what the app's outbox has due, as its worker does right after a commit (the test apps poll hourly): runs the
/// dispatcher until no due notification is left. A row the worker itself is sending at that moment is simply waited for.
/// </summary>
public static class OutboxDrain
{
    public static async Task DeliverDueAsync(this MaxmontajAppFactory app, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        var time = app.Services.GetRequiredService<TimeProvider>();
        while (true)
        {
            await using var scope = app.Services.CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync();
            }
            catch (DbUpdateException) when (DateTime.UtcNow < deadline)
            {
                // The worker claimed the same row at the same moment: look again.
            }

            var now = time.GetUtcNow();
            var db = scope.ServiceProvider.GetRequiredService<MaxmontajDbContext>();
            if (!await db.Notifications.AnyAsync(n => n.Status == NotificationStatus.Pending && n.NextAttemptAt <= now) || DateTime.UtcNow > deadline)
            {
                return;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Keeps delivering what falls due (retries included) until <paramref name="done"/> holds or the time is up.</summary>
    public static async Task DeliverUntilAsync(this MaxmontajAppFactory app, Func<bool> done, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!done() && DateTime.UtcNow < deadline)
        {
            await app.DeliverDueAsync(deadline - DateTime.UtcNow);
            await Task.Delay(100);
        }
    }
}

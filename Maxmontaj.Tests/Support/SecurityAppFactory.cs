using Maxmontaj.Core.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Tests.Support;

/// <summary>
/// The app as production runs it on sign-in: admins must have a second factor (the other tests switch that off), and
/// messages go to a fake Telegram Bot API on 127.0.0.1.
/// </summary>
public sealed class SecurityAppFactory : MaxmontajAppFactory
{
    public FakeBotApi Bot { get; private set; } = default!;

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Security:AdminsRequireTwoFactor"] = "true",
        ["Telegram:Token"] = "123456:TEST",
        ["Telegram:BaseUrl"] = Bot.BaseUrl,
        ["Notifications:PollSeconds"] = "3600",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Every request re-checks the security stamp (the app does it once a minute), so a test sees other sessions end at once.
        builder.ConfigureTestServices(services => services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero));
    }

    public override async Task InitializeAsync()
    {
        Bot = await FakeBotApi.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Bot.DisposeAsync();
    }

    /// <summary>Sends what is due now, as the outbox worker would on its next round.</summary>
    public Task DispatchAsync() => AsDispatcherAsync(async sp =>
    {
        await sp.GetRequiredService<OutboxDispatcher>().DispatchDueAsync();
        return 0;
    });
}

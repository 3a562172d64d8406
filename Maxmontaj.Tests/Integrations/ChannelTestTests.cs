using Maxmontaj.Core.Notifications;
using Maxmontaj.Core.Registration;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Tests.Integrations;

/// <summary>
/// The admin's "test" button tests the named channel only, to the admin's own address there, and says when there is none;
/// its text carries company (Moscow) time. Before, a WhatsApp test for an admin without a phone went out by email.
/// </summary>
public abstract class ChannelTestTests : IAsyncLifetime
{
    private const string Number = "79165550022";
    private FakeGraphApi _graph = default!;
    private SmtpSink _smtp = default!;
    private TestDatabase _db = default!;
    private Guid _admin;

    protected abstract DatabaseProvider Provider { get; }

    public async Task InitializeAsync()
    {
        _graph = await FakeGraphApi.StartAsync();
        _smtp = SmtpSink.Start();
        _db = await TestDatabase.CreateAsync(Provider, configure: s => s.AddMaxmontajNotifications(runWorker: false), settings: new Dictionary<string, string?>
        {
            ["WhatsApp:BaseUrl"] = _graph.BaseUrl, ["WhatsApp:AccessToken"] = "t", ["WhatsApp:PhoneNumberId"] = "1000",
            ["Email:Host"] = "127.0.0.1", ["Email:Port"] = _smtp.Port.ToString(), ["Email:Security"] = "None",
        });
        _db.CurrentUser.As(Guid.NewGuid(), Roles.Admin);
        _admin = (await _db.Get<UserAdministrationService>().CreateAsync(new UserEditModel
        {
            FullName = "Анна Админова", Email = "anna@example.ru", Roles = [Roles.Admin], Password = "Secret-Pass-123",
        })).Value;
        _db.CurrentUser.As(_admin, Roles.Admin);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await _graph.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private async Task GivePhoneAsync(bool windowOpen)
    {
        await using var context = _db.NewContext();
        (await context.Users.SingleAsync(u => u.Id == _admin)).PhoneNumber = "+" + Number;
        if (windowOpen)
        {
            context.WhatsAppSessions.Add(new WhatsAppSession { Phone = "+" + Number, LastInboundAt = _db.Time.GetUtcNow().AddHours(-1) });
        }

        await context.SaveChangesAsync();
    }

    private async Task<Notification> OnlyNotificationAsync()
    {
        await using var context = _db.NewContext();
        return await context.Notifications.SingleAsync(n => n.Kind == "test");
    }

    [Fact]
    public async Task Testing_whatsapp_without_a_number_in_the_profile_is_refused_and_queues_nothing()
    {
        var result = await _db.Get<NotificationAdminService>().TestAsync("WhatsApp");
        await _db.Get<OutboxDispatcher>().DispatchDueAsync();

        Assert.Equal("Notifications.Admin.NoWhatsAppAddress", Assert.Single(result.Errors).Code);
        await using var context = _db.NewContext();
        Assert.False(await context.Notifications.AnyAsync(n => n.Kind == "test"));
        Assert.Empty(_smtp.Messages);
    }

    [Fact]
    public async Task Testing_whatsapp_goes_to_the_admins_number_only_stamped_in_moscow_time()
    {
        await GivePhoneAsync(windowOpen: true);

        var result = await _db.Get<NotificationAdminService>().TestAsync("WhatsApp");
        await _db.Get<OutboxDispatcher>().DispatchDueAsync();

        Assert.Equal(("WhatsApp", "+" + Number), (result.Value!.Channel, result.Value.Address));
        // The test clock says 09:00 UTC: 12:00 in Moscow.
        Assert.Equal(["Проверка канала WhatsApp: 28.11.2026 12:00:00 (МСК)."], _graph.To(Number));
        Assert.Equal("WhatsApp", (await OnlyNotificationAsync()).DeliveredVia);
        Assert.Empty(_smtp.Messages);
    }

    [Fact]
    public async Task A_whatsapp_test_that_whatsapp_cannot_deliver_fails_there_and_never_goes_by_email()
    {
        await GivePhoneAsync(windowOpen: false);   // outside the 24-hour window and no template: WhatsApp gives up

        await _db.Get<NotificationAdminService>().TestAsync("WhatsApp");
        await _db.Get<OutboxDispatcher>().DispatchDueAsync();

        var notification = await OnlyNotificationAsync();
        Assert.Equal((NotificationStatus.Failed, null), (notification.Status, notification.DeliveredVia));
        Assert.Empty(_smtp.Messages);
    }

    [Fact]
    public async Task Testing_email_sends_to_the_admins_address_only()
    {
        await GivePhoneAsync(windowOpen: true);

        await _db.Get<NotificationAdminService>().TestAsync("Email");
        await _db.Get<OutboxDispatcher>().DispatchDueAsync();

        Assert.Single(_smtp.Messages);
        Assert.Empty(_graph.Sent);
        Assert.Equal("Email", (await OnlyNotificationAsync()).DeliveredVia);
    }
}

[Trait("Category", "Sqlite")]
public sealed class ChannelTestTests_Sqlite : ChannelTestTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class ChannelTestTests_MariaDb : ChannelTestTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

/// <summary>Handled update ids are forgotten after 30 days, in batches; newer ones stay (a redelivery is still caught).</summary>
public abstract class ProcessedUpdateRetentionTests : DatabaseTest
{
    [Fact]
    public async Task Marks_older_than_30_days_are_deleted_in_batches_and_newer_ones_kept()
    {
        var now = Db.Time.GetUtcNow();
        await using (var context = Db.NewContext())
        {
            context.ProcessedUpdates.AddRange(Enumerable.Range(0, 2300).Select(i =>
                new ProcessedUpdate { Channel = i % 2 == 0 ? "Telegram" : "WhatsApp", UpdateId = $"old-{i}", At = now.AddDays(-31).AddSeconds(i) }));
            context.ProcessedUpdates.AddRange(Enumerable.Range(0, 5).Select(i =>
                new ProcessedUpdate { Channel = "WhatsApp", UpdateId = $"new-{i}", At = now.AddDays(-29) }));
            await context.SaveChangesAsync();
        }

        var deleted = await Db.Get<ProcessedUpdateRetention>().PurgeAsync(batchSize: 1000);

        Assert.Equal(2300, deleted);
        await using var check = Db.NewContext();
        Assert.Equal(["new-0", "new-1", "new-2", "new-3", "new-4"], await check.ProcessedUpdates.OrderBy(u => u.UpdateId).Select(u => u.UpdateId).ToListAsync());
    }
}

[Trait("Category", "Sqlite")]
public sealed class ProcessedUpdateRetentionTests_Sqlite : ProcessedUpdateRetentionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class ProcessedUpdateRetentionTests_MariaDb : ProcessedUpdateRetentionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

/// <summary>Meta refuses new lines in a template parameter: the morning list goes out joined with " · " on the template path.</summary>
[Trait("Category", "Sqlite")]
public sealed class WhatsAppTemplateLineTests : WhatsAppFixtureBase
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string? Template => "order_update";

    [Fact]
    public async Task The_morning_list_as_a_template_parameter_has_no_new_lines()
    {
        var morning = NotificationTexts.Morning(2, "09:00 — 2026-000001, ул. Ленина, 1\n11:30 — 2026-000002, ул. Мира, 5");
        await using (var context = Db.NewContext())
        {
            (await context.Notifications.SingleAsync(n => n.IdempotencyKey == "wa-1")).Text = morning;
            await context.SaveChangesAsync();
        }

        await Db.Get<OutboxDispatcher>().DispatchDueAsync();

        var sent = Assert.Single(Graph.To("79165550011"));
        Assert.Equal("template:Доброе утро! Работ на сегодня: 2. · 09:00 — 2026-000001, ул. Ленина, 1 · 11:30 — 2026-000002, ул. Мира, 5", sent);
    }
}

using Maxmontaj.Core.Assignment;
using Maxmontaj.Core.Chat;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Customers;
using Maxmontaj.Core.Live;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Reviews;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Tests.Data;

public abstract class CustomerPortalTests : OrderTestBase
{
    private CustomerPortalService Portal => Db.Get<CustomerPortalService>();
    private CustomerAccountService Accounts => Db.Get<CustomerAccountService>();
    private StatusLinkService Links => Db.Get<StatusLinkService>();

    private async Task<Guid> CustomerAsync(string phone = "+7 910 123-45-67", string name = "Анна Клиентова")
    {
        var id = await Accounts.RegisterAsync(name, phone, null, "Secret-Pass-123");
        Assert.True(id.Succeeded, string.Join(",", id.Errors.Select(e => e.Code)));
        return id.Value;
    }

    private async Task<(Guid Order, Guid Fitter)> FinishedOrderAsync(Guid? customer = null)
    {
        var fitter = await PersonAsync(Roles.Executor, "Фёдор Монтажников", skills: WindowInstall);
        AsDispatcher();
        var model = NewOrder(start: Tomorrow(10));
        model.CustomerId = customer;
        model.InternalNotes = "СЕКРЕТ: клиент конфликтный";
        var id = await CreateOrderAsync(model);
        await Assignment.AssignAsync(id, fitter, AssignmentRole.Lead);
        await Orders.ChangeStatusAsync(id, OrderStatus.Scheduled);
        await Orders.ChangeStatusAsync(id, OrderStatus.InProgress);
        await Orders.ChangeStatusAsync(id, OrderStatus.Completed);
        return (id, fitter);
    }

    [Fact]
    public async Task A_customer_signs_up_with_name_phone_and_password_and_a_taken_phone_is_refused()
    {
        var id = await CustomerAsync();
        // Taken means proved: an unconfirmed holder does not block a sign-up (PhoneOwnershipTests).
        await using (var db = Db.NewContext())
        {
            (await db.Users.SingleAsync(u => u.Id == id)).PhoneNumberConfirmed = true;
            await db.SaveChangesAsync();
        }

        var again = await Accounts.RegisterAsync("Другая Анна", "8 910 123 45 67", null, "Secret-Pass-123");
        var bad = await Accounts.RegisterAsync("", "12", "not-an-email", "");

        Assert.Equal([UserErrors.PhoneTaken], again.Errors);
        Assert.Equal([UserErrors.FullNameRequired, UserErrors.PhoneInvalid, UserErrors.EmailInvalid, UserErrors.PasswordRequired], bad.Errors);
        await using var scope = Db.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(id.ToString());
        Assert.True(await users.IsInRoleAsync(user!, Roles.Customer));
        Assert.True(await users.CheckPasswordAsync(user!, "Secret-Pass-123"));
        Assert.Equal(1, await users.Users.CountAsync(u => u.FullName == "Анна Клиентова" || u.FullName == "Другая Анна"));
    }

    [Fact]
    public async Task The_dispatcher_invites_the_orders_customer_who_sets_a_password_once()
    {
        AsDispatcher();
        var order = await CreateOrderAsync(NewOrder());

        var invitation = (await Accounts.InviteOrderCustomerAsync(order)).Value!;
        var wrong = await Accounts.AcceptInvitationAsync(invitation.UserId, "not-the-token", "Secret-Pass-123");
        var accepted = await Accounts.AcceptInvitationAsync(invitation.UserId, invitation.Token, "Secret-Pass-123");
        var reused = await Accounts.AcceptInvitationAsync(invitation.UserId, invitation.Token, "Other-456");

        Assert.Equal("Invitation.Invalid", Assert.Single(wrong.Errors).Code);
        Assert.True(accepted.Succeeded);
        Assert.Equal("Invitation.Invalid", Assert.Single(reused.Errors).Code);
        await using var db = Db.NewContext();
        Assert.Equal(invitation.UserId, (await db.Orders.SingleAsync(o => o.Id == order)).CustomerId);
        Assert.Equal("+79101234567", (await db.Users.SingleAsync(u => u.Id == invitation.UserId)).PhoneNumber);
        Assert.Single(await db.Notifications.Where(n => n.UserId == invitation.UserId && n.Kind == "invitation").ToListAsync());
    }

    [Fact]
    public async Task The_invitation_message_carries_the_absolute_link_and_stays_off_the_customers_timeline()
    {
        AsDispatcher();
        var order = await CreateOrderAsync(NewOrder());

        var invitation = (await Accounts.InviteOrderCustomerAsync(order)).Value!;

        Assert.Equal($"http://localhost/account/invite?user={invitation.UserId}&token={Uri.EscapeDataString(invitation.Token)}", invitation.Link);
        await using (var db = Db.NewContext())
        {
            var message = await db.Notifications.SingleAsync(n => n.UserId == invitation.UserId && n.Kind == "invitation");
            // Stored sealed: the one-time link appears only in the text the dispatcher sends.
            Assert.DoesNotContain("account/invite", message.Text);
            Assert.EndsWith(" " + invitation.Link, Db.Get<Maxmontaj.Core.Notifications.INotificationSecrets>().Open(message.Text));
            message.SentAt = Db.Time.GetUtcNow();
            await db.SaveChangesAsync();
        }

        // The status page (which a status link opens too) never shows the one-time password link.
        var token = await Links.CreateAsync(order);
        Assert.DoesNotContain((await Portal.GetByLinkAsync(token))!.Timeline, e => e.Text?.Contains(invitation.Token) == true);
    }

    [Fact]
    public async Task A_status_link_works_until_revoked_or_30_days_after_closing_and_only_its_hash_is_stored()
    {
        var (order, _) = await FinishedOrderAsync();
        var token = await Links.CreateAsync(order);

        Assert.True(token.Length >= 22);
        Assert.Equal(order, (await Portal.GetByLinkAsync(token))!.Id);
        Assert.Null(await Portal.GetByLinkAsync(token[..^1] + (token[^1] == 'A' ? 'B' : 'A')));
        await using (var db = Db.NewContext())
        {
            var stored = await db.StatusLinks.SingleAsync();
            Assert.DoesNotContain(token, stored.TokenHash);
            Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token))), stored.TokenHash);
        }

        await Orders.ChangeStatusAsync(order, OrderStatus.Closed);
        Db.Time.Advance(TimeSpan.FromDays(29));
        Assert.NotNull(await Portal.GetByLinkAsync(token));
        Db.Time.Advance(TimeSpan.FromDays(2));
        Assert.Null(await Portal.GetByLinkAsync(token));

        var fresh = await Links.CreateAsync(order);
        Assert.Null(await Portal.GetByLinkAsync(token));
        await Links.RevokeAsync(order);
        Assert.Null(await Portal.GetByLinkAsync(fresh));
    }

    [Fact]
    public async Task A_cancelled_orders_status_link_stops_working_30_days_after_the_cancellation()
    {
        AsDispatcher();
        var order = await CreateOrderAsync(NewOrder());
        var token = await Links.CreateAsync(order);
        Db.Time.Advance(TimeSpan.FromDays(40));
        await Orders.ChangeStatusAsync(order, OrderStatus.Cancelled);

        Db.Time.Advance(TimeSpan.FromDays(29));
        Assert.NotNull(await Portal.GetByLinkAsync(token));
        Assert.False((await Links.OpenAsync(order)).Expired);
        Db.Time.Advance(TimeSpan.FromDays(2));
        Assert.Null(await Portal.GetByLinkAsync(token));
        Assert.Null(await Portal.OrderOfLinkAsync(token));
        // The dialog says so instead of calling the dead link working, and looking still makes no new link.
        var shown = await Links.OpenAsync(order);
        Assert.Equal((null, true), (shown.Url, shown.Expired));
    }

    [Fact]
    public async Task Opening_an_orders_link_again_keeps_the_customers_link_and_only_a_new_link_revokes_it()
    {
        AsDispatcher();
        var order = await CreateOrderAsync(NewOrder());

        var first = await Links.OpenAsync(order);
        Db.Time.Advance(TimeSpan.FromHours(3));
        var again = await Links.OpenAsync(order);

        Assert.StartsWith("http://localhost/s/", first.Url);
        var token = first.Url!["http://localhost/s/".Length..];
        Assert.Equal((null, first.IssuedAt), (again.Url, again.IssuedAt));
        Assert.Equal(order, (await Portal.GetByLinkAsync(token))!.Id);

        var renewed = await Links.RenewAsync(order);
        Assert.Null(await Portal.GetByLinkAsync(token));
        Assert.Equal(order, (await Portal.GetByLinkAsync(renewed.Url!["http://localhost/s/".Length..]))!.Id);
    }

    [Fact]
    public async Task Reviews_need_a_finished_order_and_a_rating_from_1_to_5_and_stay_one_per_order_editable_for_a_week()
    {
        var customer = await CustomerAsync();
        AsDispatcher();
        var open = await CreateOrderAsync(NewOrder());
        var (done, _) = await FinishedOrderAsync(customer);
        As(customer, Roles.Customer);
        // A customer's own order that is not finished yet.
        await using (var db = Db.NewContext())
        {
            (await db.Orders.SingleAsync(o => o.Id == open)).CustomerId = customer;
            await db.SaveChangesAsync();
        }

        Assert.Equal([ReviewService.NotFinished], (await Portal.ReviewAsync(open, 5, null)).Errors);
        Assert.Equal([ReviewService.RatingOutOfRange], (await Portal.ReviewAsync(done, 0, null)).Errors);
        Assert.Equal([ReviewService.RatingOutOfRange], (await Portal.ReviewAsync(done, 6, null)).Errors);
        Assert.True((await Portal.ReviewAsync(done, 4, "Хорошо")).Succeeded);
        Assert.True((await Portal.ReviewAsync(done, 5, "Отлично")).Succeeded);
        Db.Time.Advance(TimeSpan.FromDays(8));
        Assert.Equal([ReviewService.EditClosed], (await Portal.ReviewAsync(done, 1, "Передумала")).Errors);

        await using var check = Db.NewContext();
        var review = await check.Reviews.SingleAsync();
        Assert.Equal((5, "Отлично"), (review.Rating, review.Comment));
    }

    [Fact]
    public async Task A_low_rating_alerts_the_office_marks_follow_up_and_feeds_the_executors_average()
    {
        var customer = await CustomerAsync();
        var (order, fitter) = await FinishedOrderAsync(customer);
        var (alerts, subscription) = Record(LiveTopics.OfficeAlerts);
        using var _ = subscription;
        As(customer, Roles.Customer);

        await Portal.ReviewAsync(order, 2, "Опоздали на три часа");

        Assert.Equal(LiveEventKind.LowRating, Assert.Single(await EventuallyAsync(alerts, 1)).Kind);
        AsDispatcher();
        Assert.True((await Orders.GetAsync(order)).NeedsFollowUp);
        var next = await CreateOrderAsync(NewOrder(start: Tomorrow(15)));
        Assert.Equal(2.0, (await Assignment.SuggestExecutorsAsync(next)).Single(s => s.UserId == fitter).Rating);
        Db.CurrentUser.As(Guid.NewGuid(), Roles.Admin);
        var today = Calendar.DateOf(Db.Time.GetUtcNow());
        var dashboard = (await Db.Get<Maxmontaj.Core.Analytics.AnalyticsService>().DashboardAsync(new(today, today))).Value!;
        Assert.Equal(2.0, dashboard.Current.AverageRating);
        Assert.Equal(2.0, Assert.Single(dashboard.RatingTrend).Average);
    }

    [Fact]
    public async Task A_customer_sees_only_their_own_orders_the_executors_first_name_and_nothing_internal()
    {
        var anna = await CustomerAsync();
        var boris = await CustomerAsync("+7 910 999-99-99", "Борис Другой");
        var (annas, _) = await FinishedOrderAsync(anna);

        As(boris, Roles.Customer);
        Assert.Empty(await Portal.MyOrdersAsync());
        await Assert.ThrowsAsync<NotFoundException>(() => Portal.GetAsync(annas));
        await Assert.ThrowsAsync<NotFoundException>(() => Portal.ReviewAsync(annas, 1, "чужой"));
        await Assert.ThrowsAsync<NotFoundException>(() => Db.Get<ChatService>().ThreadAsync(annas, ChatChannel.Customer));
        await Assert.ThrowsAsync<NotFoundException>(() => Db.Get<ChatService>().ThreadAsync(annas));

        As(anna, Roles.Customer);
        var view = await Portal.GetAsync(annas);
        Assert.Equal([annas], (await Portal.MyOrdersAsync()).Select(o => o.Id));
        Assert.Equal(("Фёдор", "Completed"), (view.ExecutorFirstName, view.PlainStatus));
        Assert.Null(view.Price);
        Assert.DoesNotContain(view.Timeline, t => t.Text?.Contains("СЕКРЕТ") == true);
        Assert.Equal(["created", "assigned", "status.Scheduled", "status.InProgress", "status.Completed"], view.Timeline.Select(t => t.Code));
        await Assert.ThrowsAsync<NotFoundException>(() => Db.Get<ChatService>().ThreadAsync(annas));
    }

    [Fact]
    public async Task A_portal_request_lands_on_the_board_as_new_from_the_portal_and_bad_fields_save_nothing()
    {
        var customer = await CustomerAsync();
        var (board, subscription) = Record(LiveTopics.AllOrders);
        using var _ = subscription;
        As(customer, Roles.Customer);

        var bad = await Portal.RequestAsync(new OrderRequest { Address = " ", ContactPhone = "123", WorkTypeId = WindowInstall });
        var good = await Portal.RequestAsync(new OrderRequest
        {
            Address = "ул. Цветочная, 7", ContactPhone = "+7 910 123-45-67", WorkTypeId = WindowInstall, Description = "Балкон",
            PreferredFrom = Calendar.DateOf(Db.Time.GetUtcNow()).AddDays(2), Photos = [TestImages.Jpeg()],
        });

        Assert.Equal([nameof(OrderEditModel.ContactPhone), nameof(OrderEditModel.Address)], bad.Errors.Select(e => e.Field!));
        Assert.True(good.Succeeded);
        Assert.Single(await EventuallyAsync(board, 1));
        AsDispatcher();
        var order = await Orders.GetAsync(good.Value);
        Assert.Equal((OrderStatus.New, OrderSource.Portal, (Guid?)customer), (order.Status, order.Fields.Source, order.Fields.CustomerId));
        Assert.Contains("Удобные даты", order.Fields.Description);
        Assert.True(Assert.Single((await Db.Get<ChatService>().ThreadAsync(good.Value, ChatChannel.Customer)).Messages).HasPhoto);
        await using var db = Db.NewContext();
        Assert.Equal(1, await db.Orders.CountAsync());
    }
}

[Trait("Category", "Sqlite")]
public sealed class CustomerPortalTests_Sqlite : CustomerPortalTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class CustomerPortalTests_MariaDb : CustomerPortalTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

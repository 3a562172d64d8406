using Maxmontaj.Core.Assignment;
using Maxmontaj.Core.Chat;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Customers;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Registration;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Tests.Data;

/// <summary>
/// Phone ownership (ADR 0019): orders link by phone only to a customer who proved the phone; otherwise the office confirms a
/// proposed link; an unconfirmed holder gets no invitation and blocks nobody; a portal request marks only its own customer's orders.
/// </summary>
public abstract class PhoneOwnershipTests : OrderTestBase
{
    private const string Phone = "+79101234567";

    private CustomerAccountService Accounts => Db.Get<CustomerAccountService>();
    private PhoneVerificationService Verification => Db.Get<PhoneVerificationService>();
    private CustomerLinkService Links => Db.Get<CustomerLinkService>();
    private CustomerPortalService Portal => Db.Get<CustomerPortalService>();

    private async Task<Guid> RegisterAsync(string name, string phone = "8 910 123-45-67", string? email = null)
    {
        var id = await Accounts.RegisterAsync(name, phone, email, "Secret-Pass-123");
        Assert.True(id.Succeeded, string.Join(",", id.Errors.Select(e => e.Code)));
        return id.Value;
    }

    /// <summary>The customer asks for a code and "sends" it from <paramref name="from"/> as the WhatsApp webhook would.</summary>
    private async Task<string?> ConfirmAsync(Guid customer, string from = Phone, Func<string, string>? typed = null)
    {
        As(customer, Roles.Customer);
        var code = (await Verification.StartAsync()).Value!;
        return await Verification.ConfirmFromMessengerAsync(from, typed?.Invoke(code.Code) ?? code.Code);
    }

    private async Task<(string? Phone, bool Confirmed)> PhoneOfAsync(Guid user)
    {
        await using var db = Db.NewContext();
        var row = await db.Users.Where(u => u.Id == user).Select(u => new { u.PhoneNumber, u.PhoneNumberConfirmed }).SingleAsync();
        return (row.PhoneNumber, row.PhoneNumberConfirmed);
    }

    [Fact]
    public async Task An_order_for_an_unconfirmed_phone_links_nobody_until_the_office_confirms_the_proposed_customer()
    {
        var impostor = await RegisterAsync("Иван Самозванцев");
        AsDispatcher();
        var order = await CreateOrderAsync(NewOrder(address: "ул. Лесная, 5, кв. 7, домофон 7342"));

        AsDispatcher();
        Assert.Null((await Orders.GetAsync(order)).Fields.CustomerId);
        As(impostor, Roles.Customer);
        Assert.Empty(await Portal.MyOrdersAsync());
        await Assert.ThrowsAsync<NotFoundException>(() => Portal.GetAsync(order));
        await Assert.ThrowsAsync<NotFoundException>(() => Db.Get<ChatService>().ThreadAsync(order, ChatChannel.Customer));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Links.ConfirmAsync(order, impostor));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Links.ProposalsAsync(order));

        AsDispatcher();
        var proposal = Assert.Single(await Links.ProposalsAsync(order));
        Assert.Equal((impostor, "Иван Самозванцев", false), (proposal.UserId, proposal.FullName, proposal.PhoneConfirmed));
        var stranger = await RegisterAsync("Пётр Посторонний", "+7 910 555-00-00");
        AsDispatcher();
        Assert.Equal(["Order.CustomerLinkInvalid"], (await Links.ConfirmAsync(order, stranger)).Errors.Select(e => e.Code));

        // The dispatcher talked to the caller and confirms: now it is their order, on the timeline.
        Assert.True((await Links.ConfirmAsync(order, impostor)).Succeeded);
        Assert.Equal(impostor, (await Orders.GetAsync(order)).Fields.CustomerId);
        Assert.Contains((await Orders.GetAsync(order)).Timeline, e => e.Kind == OrderEventKind.CustomerLinked);
        Assert.Empty(await Links.ProposalsAsync(order));
        Assert.Equal(["Order.CustomerLinkInvalid"], (await Links.ConfirmAsync(order, impostor)).Errors.Select(e => e.Code));
        As(impostor, Roles.Customer);
        Assert.Equal([order], (await Portal.MyOrdersAsync()).Select(o => o.Id));
    }

    [Fact]
    public async Task A_code_sent_from_the_phone_confirms_it_and_then_the_offices_orders_for_that_phone_link_by_themselves()
    {
        var anna = await RegisterAsync("Анна Клиентова");
        As(anna, Roles.Customer);
        Assert.Equal(new PhoneStatus(Phone, false, null), await Verification.StatusAsync());

        // From another number, or not a code at all: not a verification of this phone.
        As(anna, Roles.Customer);
        var code = (await Verification.StartAsync()).Value!;
        Assert.Equal((Phone, 6), (code.Phone, code.Code.Length));
        Assert.Null(await Verification.ConfirmFromMessengerAsync("+79105550000", code.Code));
        Assert.Null(await Verification.ConfirmFromMessengerAsync(Phone, "Здравствуйте"));
        Assert.Equal((Phone, false), await PhoneOfAsync(anna));

        Assert.Equal(BotTexts.PhoneVerified, await Verification.ConfirmFromMessengerAsync("79101234567", $"Код {code.Code}"));
        Assert.Equal((Phone, true), await PhoneOfAsync(anna));
        As(anna, Roles.Customer);
        Assert.True((await Verification.StatusAsync()).Confirmed);
        Assert.Equal(["Phone.AlreadyConfirmed"], (await Verification.StartAsync()).Errors.Select(e => e.Code));

        AsDispatcher();
        var order = await CreateOrderAsync(NewOrder());
        Assert.Equal(anna, (await Orders.GetAsync(order)).Fields.CustomerId);
    }

    [Fact]
    public async Task A_code_is_hashed_expires_and_dies_after_five_wrong_codes()
    {
        var anna = await RegisterAsync("Анна Клиентова");
        As(anna, Roles.Customer);
        var code = (await Verification.StartAsync()).Value!;
        await using (var db = Db.NewContext())
        {
            var stored = await db.UserTokens.SingleAsync(t => t.UserId == anna && t.LoginProvider == PhoneVerificationService.TokenProvider);
            Assert.DoesNotContain(code.Code, stored.Value!.Split('|').Skip(1));
        }

        var wrong = code.Code == "000000" ? "111111" : "000000";
        for (var i = 0; i < PhoneVerificationService.MaxTries; i++)
        {
            Assert.Equal(BotTexts.PhoneCodeWrong, await Verification.ConfirmFromMessengerAsync(Phone, wrong));
        }

        Assert.Null(await Verification.ConfirmFromMessengerAsync(Phone, code.Code));
        Assert.Equal((Phone, false), await PhoneOfAsync(anna));

        // A new code works within ten minutes, not after.
        Assert.Equal(BotTexts.PhoneCodeWrong, await ConfirmAsync(anna, typed: c => { Db.Time.Advance(TimeSpan.FromMinutes(11)); return c; }));
        Assert.Equal((Phone, false), await PhoneOfAsync(anna));
        Assert.Equal(BotTexts.PhoneVerified, await ConfirmAsync(anna));
        Assert.Equal((Phone, true), await PhoneOfAsync(anna));
    }

    [Fact]
    public async Task Signing_up_with_a_phone_an_unconfirmed_account_holds_is_allowed_and_whoever_confirms_first_owns_it()
    {
        var impostor = await RegisterAsync("Иван Самозванцев");
        var owner = await RegisterAsync("Анна Клиентова", "8 (910) 123-45-67", "anna@example.ru");

        // The newcomer is neither refused nor linked: the number stays with the holder until one of them proves it.
        Assert.Equal((null, false), await PhoneOfAsync(owner));
        As(owner, Roles.Customer);
        Assert.Equal(new PhoneStatus(Phone, false, null), await Verification.StatusAsync());
        Assert.Equal(BotTexts.PhoneVerified, await ConfirmAsync(owner));

        Assert.Equal((Phone, true), await PhoneOfAsync(owner));
        Assert.Equal((null, false), await PhoneOfAsync(impostor));
        As(impostor, Roles.Customer);
        Assert.Equal(new PhoneStatus(null, false, null), await Verification.StatusAsync());
        Assert.Equal(["Phone.None"], (await Verification.StartAsync()).Errors.Select(e => e.Code));
        // A confirmed phone is taken for good.
        Assert.Equal([UserErrors.PhoneTaken], (await Accounts.RegisterAsync("Ещё Один", Phone, null, "Secret-Pass-123")).Errors);
    }

    [Fact]
    public async Task The_invitation_for_an_order_never_goes_to_an_unconfirmed_account_holding_the_phone()
    {
        var impostor = await RegisterAsync("Иван Самозванцев");
        AsDispatcher();
        var order = await CreateOrderAsync(NewOrder(customer: "Анна Клиентова"));

        var invitation = (await Accounts.InviteOrderCustomerAsync(order)).Value!;

        Assert.NotEqual(impostor, invitation.UserId);
        await using var db = Db.NewContext();
        Assert.Equal(invitation.UserId, (await db.Orders.SingleAsync(o => o.Id == order)).CustomerId);
        Assert.Empty(await db.Notifications.Where(n => n.UserId == impostor).ToListAsync());
        var invited = await db.Users.SingleAsync(u => u.Id == invitation.UserId);
        Assert.Equal(("Анна Клиентова", Phone), (invited.FullName, invited.PhoneNumber));
        Assert.Equal((null, false), await PhoneOfAsync(impostor));
    }

    [Fact]
    public async Task A_phone_the_admin_changes_is_no_longer_confirmed_and_an_unchanged_one_stays_confirmed()
    {
        var anna = await RegisterAsync("Анна Клиентова", email: "anna@example.ru");
        Assert.Equal(BotTexts.PhoneVerified, await ConfirmAsync(anna));
        Db.CurrentUser.As(Guid.NewGuid(), Roles.Admin);
        var admin = Db.Get<UserAdministrationService>();
        var model = new UserEditModel { FullName = "Анна Клиентова-Петрова", Email = "anna@example.ru", PhoneNumber = Phone, Roles = [Roles.Customer] };

        Assert.True((await admin.UpdateAsync(anna, model)).Succeeded);
        Assert.Equal((Phone, true), await PhoneOfAsync(anna));
        model.PhoneNumber = "+7 910 777-00-00";
        Assert.True((await admin.UpdateAsync(anna, model)).Succeeded);
        Assert.Equal(("+79107770000", false), await PhoneOfAsync(anna));
    }

    [Fact]
    public async Task A_portal_request_marks_a_callback_only_on_an_order_of_the_same_customer()
    {
        var anna = await RegisterAsync("Анна Клиентова", email: "anna@example.ru");
        Assert.Equal(BotTexts.PhoneVerified, await ConfirmAsync(anna));
        var boris = await RegisterAsync("Борис Другой", "+7 910 999-99-99");
        var fitter = await PersonAsync(Roles.Executor, "Фёдор Монтажников", skills: WindowInstall);
        AsDispatcher();
        var done = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));
        await Assignment.AssignAsync(done, fitter, AssignmentRole.Lead);
        foreach (var status in new[] { OrderStatus.Scheduled, OrderStatus.InProgress, OrderStatus.Completed })
        {
            await Orders.ChangeStatusAsync(done, status);
        }

        var request = new OrderRequest { Address = "ул. Ленина, 1", ContactPhone = "+7 910 123-45-67", WorkTypeId = WindowInstall };
        As(boris, Roles.Customer);
        Assert.True((await Portal.RequestAsync(request)).Succeeded);
        await using (var db = Db.NewContext())
        {
            Assert.False((await db.Orders.SingleAsync(o => o.Id == done)).HadCallback);
        }

        As(anna, Roles.Customer);
        Assert.True((await Portal.RequestAsync(request)).Succeeded);
        await using (var db = Db.NewContext())
        {
            Assert.True((await db.Orders.SingleAsync(o => o.Id == done)).HadCallback);
        }
    }
}

[Trait("Category", "Sqlite")]
public sealed class PhoneOwnershipTests_Sqlite : PhoneOwnershipTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class PhoneOwnershipTests_MariaDb : PhoneOwnershipTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

using Maxmontaj.Core.Assignment;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Customers;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Reviews;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Tests.Data;

/// <summary>Issue 10's smaller defects on each provider: number search, the customer's today, contexts, retries, review conflicts.</summary>
public abstract class SeamFixesTests : OrderTestBase
{
    [Fact]
    public async Task Number_search_finds_an_order_by_its_short_number()
    {
        AsDispatcher();
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await CreateOrderAsync(NewOrder()));
        }

        async Task<Guid[]> Found(string text) => (await Queries.ListAsync(new OrderListQuery(Text: text))).Items.Select(o => o.Id).ToArray();

        Assert.Equal([ids[4]], await Found("2026-5"));
        Assert.Equal([ids[4]], await Found("2026-05"));
        Assert.Equal([ids[4]], await Found(" 2026-000005 "));
        Assert.Empty(await Found("2025-5"));
    }

    [Fact]
    public async Task A_customers_request_counts_today_in_company_time_not_utc()
    {
        // 22:30 UTC on 28 November is 01:30 on 29 November in Moscow: the 28th is already yesterday for the customer.
        Db.Time.SetUtcNow(new DateTimeOffset(2026, 11, 28, 22, 30, 0, TimeSpan.Zero));
        var customer = await CustomerAsync();
        As(customer, Roles.Customer);
        var portal = Db.Get<CustomerPortalService>();

        var yesterday = await portal.RequestAsync(Request(new DateOnly(2026, 11, 28)));
        var today = await portal.RequestAsync(Request(new DateOnly(2026, 11, 29)));

        Assert.Equal("Request.DatesInvalid", Assert.Single(yesterday.Errors).Code);
        Assert.True(today.Succeeded, string.Join(",", today.Errors.Select(e => e.Code)));
    }

    [Fact]
    public async Task A_job_command_whose_query_fails_disposes_its_context()
    {
        var fitter = await PersonAsync(Roles.Executor, "Фёдор Монтажников", skills: WindowInstall);
        var contexts = new List<MaxmontajDbContext>();
        Db.ContextCreated = contexts.Add;
        As(fitter, Roles.Executor);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Db.Get<JobService>().AcceptAsync(Guid.NewGuid(), cancelled.Token));

        Assert.NotEmpty(contexts);
        Assert.All(contexts, context => Assert.Throws<ObjectDisposedException>(() => context.Model));
    }

    [Fact]
    public async Task Creating_an_order_retries_when_another_order_took_the_number()
    {
        AsDispatcher();
        var attempts = 0;
        Db.BeforeSave = context =>
        {
            if (context.ChangeTracker.Entries<Order>().FirstOrDefault(e => e.State == EntityState.Added)?.Entity is not { } pending)
            {
                return;
            }

            if (++attempts == 1)
            {
                // Another dispatcher's order is saved with the same number between reading the sequence and saving.
                using var other = Db.NewContext();
                other.Orders.Add(Rival(pending));
                other.SaveChanges();
            }
        };

        var id = await CreateOrderAsync(NewOrder());

        Assert.Equal(2, attempts);
        Assert.Equal("2026-000002", (await Orders.GetAsync(id)).Number);
    }

    [Fact]
    public async Task Creating_an_order_does_not_retry_a_failure_other_than_a_taken_number()
    {
        AsDispatcher();
        var attempts = 0;
        Db.BeforeSave = context =>
        {
            if (context.ChangeTracker.Entries<Order>().FirstOrDefault(e => e.State == EntityState.Added) is { } pending)
            {
                // The first attempt breaks a foreign key; a retry would (wrongly) succeed with the real work type.
                pending.Property(o => o.WorkTypeId).CurrentValue = ++attempts == 1 ? 9999 : WindowInstall;
            }
        };

        await Assert.ThrowsAsync<DbUpdateException>(() => Orders.CreateAsync(NewOrder()));

        Assert.Equal(1, attempts);
        await using var db = Db.NewContext();
        Assert.Equal(0, await db.Orders.CountAsync());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public async Task A_review_of_an_order_changed_meanwhile_is_a_conflict_and_saves_nothing(int rating)
    {
        var customer = await CustomerAsync();
        var order = await CompletedOrderAsync(customer);
        Db.BeforeSave = context =>
        {
            if (context.ChangeTracker.Entries<Review>().Any(e => e.State == EntityState.Added))
            {
                // The dispatcher sends the order back for rework while the customer is writing the review.
                using var other = Db.NewContext();
                var changed = other.Orders.Single(o => o.Id == order);
                (changed.Status, changed.Version) = (OrderStatus.Rework, Guid.NewGuid());
                other.SaveChanges();
            }
        };
        As(customer, Roles.Customer);

        var result = await Db.Get<CustomerPortalService>().ReviewAsync(order, rating, "Окно продувает");

        Assert.Equal([OrderErrors.Conflict], result.Errors);
        Db.BeforeSave = null;
        await using var db = Db.NewContext();
        Assert.Equal(0, await db.Reviews.CountAsync());
        Assert.Equal(0, await db.Notifications.CountAsync(n => n.Kind == "rating"));
        var saved = await db.Orders.SingleAsync(o => o.Id == order);
        Assert.Equal((OrderStatus.Rework, false), (saved.Status, saved.NeedsFollowUp));
    }

    [Fact]
    public async Task A_review_changes_the_orders_version()
    {
        var customer = await CustomerAsync();
        var order = await CompletedOrderAsync(customer);
        AsDispatcher();
        var before = (await Orders.GetAsync(order)).Version;
        As(customer, Roles.Customer);

        Assert.True((await Db.Get<CustomerPortalService>().ReviewAsync(order, 2, "Окно продувает")).Succeeded);

        AsDispatcher();
        var after = await Orders.GetAsync(order);
        Assert.NotEqual(before, after.Version);
        // A dialog opened before the review cannot overwrite the order without seeing it.
        Assert.Equal(OrderErrors.Conflict, Assert.Single((await Orders.UpdateAsync(order, NewOrder(start: Tomorrow(10)), before)).Errors));
    }

    private async Task<Guid> CustomerAsync()
    {
        var id = await Db.Get<CustomerAccountService>().RegisterAsync("Анна Клиентова", "+7 910 123-45-67", null, "Secret-Pass-123");
        Assert.True(id.Succeeded, string.Join(",", id.Errors.Select(e => e.Code)));
        return id.Value;
    }

    private async Task<Guid> CompletedOrderAsync(Guid customer)
    {
        var fitter = await PersonAsync(Roles.Executor, "Фёдор Монтажников", skills: WindowInstall);
        AsDispatcher();
        var model = NewOrder(start: Tomorrow(10));
        model.CustomerId = customer;
        var id = await CreateOrderAsync(model);
        await Assignment.AssignAsync(id, fitter, AssignmentRole.Lead);
        await Orders.ChangeStatusAsync(id, OrderStatus.Scheduled);
        await Orders.ChangeStatusAsync(id, OrderStatus.InProgress);
        await Orders.ChangeStatusAsync(id, OrderStatus.Completed);
        return id;
    }

    private static OrderRequest Request(DateOnly from) => new()
    {
        Address = "ул. Цветочная, 7", ContactPhone = "+7 910 123-45-67", WorkTypeId = WindowInstall, PreferredFrom = from,
    };

    private Order Rival(Order pending)
    {
        var rival = new Order
        {
            Id = Guid.CreateVersion7(), Year = pending.Year, Sequence = pending.Sequence, Number = pending.Number,
            CustomerName = "Другой Клиент", ContactPhone = "+79109999999", Address = new Address { Text = "ул. Другая, 2" },
            WorkTypeId = WindowInstall, Status = OrderStatus.New, Version = Guid.NewGuid(), CreatedAt = Db.Time.GetUtcNow(),
        };
        rival.RefreshSearchText();
        return rival;
    }
}

[Trait("Category", "Sqlite")]
public sealed class SeamFixesTests_Sqlite : SeamFixesTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class SeamFixesTests_MariaDb : SeamFixesTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

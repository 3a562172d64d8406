using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MySqlConnector;

namespace Maxmontaj.Tests.Data;

/// <summary>
/// Issue 12's list over many orders on each provider: keyset pages that skip and repeat nothing with ties on the sort key,
/// the last page by a reversed seek, full-text search by any part of an address, name or phone, and the capped count.
/// </summary>
public abstract class OrderListAtScaleTests : OrderTestBase
{
    private static readonly OrderSortField[] Fields = Enum.GetValues<OrderSortField>();

    /// <summary>Thirteen orders created at the same instant (the test clock stands still), sharing names, visits and statuses.</summary>
    private async Task<List<Guid>> TiedOrdersAsync()
    {
        AsDispatcher();
        var ids = new List<Guid>();
        for (var i = 0; i < 13; i++)
        {
            DateTimeOffset? start = (i % 4) switch { 0 => null, 1 => Tomorrow(9), 2 => Tomorrow(9), _ => Tomorrow(12) };
            ids.Add(await CreateOrderAsync(NewOrder(start: start, customer: i % 3 == 0 ? "Анна Клиентова" : "Борис Заказов")));
            if (i % 2 == 0)
            {
                await Orders.ChangeStatusAsync(ids[^1], OrderStatus.OnHold);
            }
        }

        return ids;
    }

    private async Task<List<OrderPage>> ForwardAsync(OrderListQuery query)
    {
        var pages = new List<OrderPage> { await Queries.ListAsync(query) };
        while (pages[^1].HasNext)
        {
            pages.Add(await Queries.ListAsync(query with { Seek = OrderSeek.After, Cursor = pages[^1].Last }));
            Assert.True(pages.Count < 50, "paging does not end");
        }

        return pages;
    }

    private async Task<List<OrderPage>> BackwardAsync(OrderListQuery query)
    {
        var pages = new List<OrderPage> { await Queries.ListAsync(query with { Seek = OrderSeek.Last }) };
        while (pages[0].HasPrevious)
        {
            pages.Insert(0, await Queries.ListAsync(query with { Seek = OrderSeek.Before, Cursor = pages[0].First }));
            Assert.True(pages.Count < 50, $"paging back does not end: {query.SortBy} {query.SortDescending} {string.Join(",", pages[0].Items.Select(o => o.Number))}");
        }

        return pages;
    }

    [Fact]
    public async Task Keyset_pages_neither_skip_nor_repeat_an_order_with_ties_on_every_sort_key()
    {
        var ids = await TiedOrdersAsync();

        foreach (var field in Fields)
        {
            foreach (var descending in new[] { false, true })
            {
                var query = new OrderListQuery(PageSize: 4, SortBy: field, SortDescending: descending);
                var whole = (await Queries.ListAsync(query with { PageSize = 100 })).Items.Select(o => o.Id).ToList();
                var forward = await ForwardAsync(query);
                var backward = await BackwardAsync(query);

                var label = $"{field} {(descending ? "desc" : "asc")}";
                Assert.True(ids.Order().SequenceEqual(whole.Order()), label);
                Assert.True(whole.SequenceEqual(forward.SelectMany(p => p.Items).Select(o => o.Id)), label + " forward");
                Assert.True(whole.SequenceEqual(backward.SelectMany(p => p.Items).Select(o => o.Id)), label + " backward");
                Assert.Equal([4, 4, 4, 1], forward.Select(p => p.Items.Count));
                Assert.Equal([1, 4, 4, 4], backward.Select(p => p.Items.Count));
                Assert.False(forward[0].HasPrevious, label);
                Assert.False(backward[^1].HasNext, label);
                Assert.True(whole.TakeLast(4).SequenceEqual(backward[^1].Items.Select(o => o.Id)), label + " last page");
            }
        }
    }

    [Fact]
    public async Task Keyset_pages_keep_the_filters()
    {
        var ids = await TiedOrdersAsync();
        var onHold = ids.Where((_, i) => i % 2 == 0).ToHashSet();
        var query = new OrderListQuery(Statuses: [OrderStatus.OnHold], Text: "анна", PageSize: 2, SortBy: OrderSortField.ScheduledStart);

        var pages = await ForwardAsync(query);
        var last = await BackwardAsync(query);

        var expected = ids.Where((_, i) => i % 3 == 0 && onHold.Contains(ids[i])).Order().ToList();
        Assert.Equal(expected, pages.SelectMany(p => p.Items).Select(o => o.Id).Order());
        Assert.Equal(expected, last.SelectMany(p => p.Items).Select(o => o.Id).Order());
        Assert.All(pages, p => Assert.Equal(new OrderCount(expected.Count, false), p.Count));
    }

    [Fact]
    public async Task A_deep_page_is_read_by_seek_not_by_offset()
    {
        await TiedOrdersAsync();
        var query = new OrderListQuery(PageSize: 3);
        var second = await Queries.ListAsync(query with { Seek = OrderSeek.After, Cursor = (await Queries.ListAsync(query)).Last });
        using var log = new QueryLog(DatabaseName);

        await Queries.ListAsync(query with { Seek = OrderSeek.After, Cursor = second.Last });
        await Queries.ListAsync(query with { Seek = OrderSeek.Last });

        var selects = log.Commands.Where(c => c.Contains("FROM", StringComparison.OrdinalIgnoreCase) && c.Contains("Orders", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(selects);
        Assert.DoesNotContain(selects, c => c.Contains("OFFSET", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Full_text_search_finds_any_part_of_an_address_a_name_or_a_phone()
    {
        AsDispatcher();
        var garden = await CreateOrderAsync(NewOrder(customer: "Пётр Смирнов", address: "ул. Садовая-Кудринская, д. 12, кв. 7"));
        var other = await CreateOrderAsync(NewOrder(customer: "Ольга Ветрова", address: "пр. Мира, д. 5"));
        var edited = await Queries.GetAsync(other);
        edited.Fields.ContactPhone = "+7 903 555-12-34";
        Assert.True((await Orders.UpdateAsync(other, edited.Fields, edited.Version)).Succeeded);
        using var log = new QueryLog(DatabaseName);

        async Task<Guid[]> Found(string text) => (await Queries.ListAsync(new OrderListQuery(Text: text))).Items.Select(o => o.Id).ToArray();

        Assert.Equal([garden], await Found("кудрин"));
        Assert.Equal([garden], await Found("садов 12"));
        Assert.Equal([garden], await Found("смирн"));
        Assert.Equal([garden], await Found("Пётр Смирнов"));
        Assert.Equal([garden], await Found("123-45-67"));
        Assert.Equal([garden], await Found("910 123"));
        Assert.Equal([other], await Found("555-12"));
        Assert.Equal([other], await Found("мира"));
        Assert.Equal([other], await Found("ВЕТР"));
        Assert.Empty(await Found("садовая ветрова"));
        Assert.Empty(await Found("ленина"));
        // The phone was edited: the old one is no longer found, the new one is.
        Assert.Equal([garden], await Found("8 910 123 45 67"));
        Assert.Equal([other], await Found("+7 (903) 555-12-34"));
        // Text of two letters or fewer is matched by LIKE; longer terms go through the full-text index.
        Assert.Equal([garden], await Found("кв 7"));
        Assert.Contains(log.Commands, c => c.Contains("MATCH", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_executor_filter_pages_by_keyset_over_the_assignments_copy_of_the_creation_time()
    {
        var fitter = await PersonAsync(Roles.Executor, "Фёдор Монтажников", skills: WindowInstall);
        AsDispatcher();
        var mine = new List<Guid>();
        for (var i = 0; i < 13; i++)
        {
            // Ties on the creation time in threes, then a minute later: the id breaks the ties.
            if (i % 3 == 0)
            {
                Db.Time.Advance(TimeSpan.FromMinutes(1));
            }

            var id = await CreateOrderAsync(NewOrder());
            if (i % 4 != 3)
            {
                Assert.True((await Assignment.AssignAsync(id, fitter, AssignmentRole.Lead, confirmOverlap: true)).Succeeded);
                mine.Add(id);
            }
        }

        await using (var db = Db.NewContext())
        {
            var copies = await db.OrderAssignments.Where(a => a.UserId == fitter)
                .Join(db.Orders, a => a.OrderId, o => o.Id, (a, o) => new { a.OrderCreatedAt, o.CreatedAt }).ToListAsync();
            Assert.Equal(mine.Count, copies.Count);
            Assert.All(copies, c => Assert.Equal(c.CreatedAt, c.OrderCreatedAt));
        }

        foreach (var descending in new[] { true, false })
        {
            var query = new OrderListQuery(PersonId: fitter, PageSize: 2, SortDescending: descending);
            using var log = new QueryLog(DatabaseName);
            var whole = await Queries.ListAsync(query with { PageSize = 100 });
            var forward = await ForwardAsync(query);
            var backward = await BackwardAsync(query);

            var label = descending ? "desc" : "asc";
            var ids = whole.Items.Select(o => o.Id).ToList();
            Assert.Equal(mine.Order(), ids.Order());
            var times = whole.Items.Select(o => o.CreatedAt).ToList();
            Assert.Equal(descending ? times.OrderDescending() : times.Order(), times);
            Assert.True(ids.SequenceEqual(forward.SelectMany(p => p.Items).Select(o => o.Id)), label + " forward");
            Assert.True(ids.SequenceEqual(backward.SelectMany(p => p.Items).Select(o => o.Id)), label + " backward");
            Assert.Equal([2, 2, 2, 2, 2], forward.Select(p => p.Items.Count));
            Assert.All(forward, p => Assert.Equal(new OrderCount(mine.Count, false), p.Count));
            // The page is read from the person's assignments by the copy, not by probing every order's assignments.
            Assert.Contains(log.Commands, c => c.Contains("OrderCreatedAt", StringComparison.Ordinal) && c.Contains("ORDER BY", StringComparison.Ordinal));
        }

        // Other filters still apply to the person's orders.
        await Orders.ChangeStatusAsync(mine[0], OrderStatus.OnHold);
        var onHold = await Queries.ListAsync(new OrderListQuery(PersonId: fitter, Statuses: [OrderStatus.OnHold]));
        Assert.Equal([mine[0]], onHold.Items.Select(o => o.Id));
    }

    [Fact]
    public async Task The_count_is_exact_up_to_the_limit_and_more_than_the_limit_past_it()
    {
        await using (var db = Db.NewContext())
        {
            for (var i = 1; i <= OrderQueries.CountLimit + 4; i++)
            {
                var order = new Order
                {
                    Id = Guid.NewGuid(), Year = 2025, Sequence = i, Number = $"2025-{i:000000}", CustomerName = i <= 3 ? "Редкий Клиент" : "Частый Клиент",
                    ContactPhone = "+79101234567", Address = new Address { Text = "ул. Ленина, 1" }, WorkTypeId = WindowInstall,
                    Status = OrderStatus.Closed, Version = Guid.NewGuid(), CreatedAt = Db.Time.GetUtcNow().AddMinutes(-i), CreatedDay = 20261128,
                };
                order.RefreshSearchText();
                db.Orders.Add(order);
            }

            await db.SaveChangesAsync();
        }

        AsDispatcher();
        Assert.Equal(new OrderCount(OrderQueries.CountLimit, true), (await Queries.ListAsync(new OrderListQuery())).Count);
        Assert.Equal(new OrderCount(OrderQueries.CountLimit, true), (await Queries.ListAsync(new OrderListQuery(Text: "частый"))).Count);
        Assert.Equal(new OrderCount(3, false), (await Queries.ListAsync(new OrderListQuery(Text: "редкий"))).Count);
        Assert.Equal(new OrderCount(0, false), (await Queries.ListAsync(new OrderListQuery(Statuses: [OrderStatus.New]))).Count);
        var last = await Queries.ListAsync(new OrderListQuery(Seek: OrderSeek.Last, SortBy: OrderSortField.Number, SortDescending: false));
        Assert.Equal("2025-001004", last.Items[^1].Number);
        Assert.True(last.HasPrevious);
        Assert.False(last.HasNext);
    }

    private string DatabaseName => Provider == DatabaseProvider.MariaDb ? new MySqlConnectionStringBuilder(Db.ConnectionString).Database : Db.Folder;
}

[Trait("Category", "Sqlite")]
public sealed class OrderListAtScaleTests_Sqlite : OrderListAtScaleTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class OrderListAtScaleTests_MariaDb : OrderListAtScaleTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

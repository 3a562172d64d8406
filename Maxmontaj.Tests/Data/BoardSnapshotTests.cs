using System.Collections.Concurrent;
using Maxmontaj.Core.Orders;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using MySqlConnector;

namespace Maxmontaj.Tests.Data;

/// <summary>The shared board (ADR 0026): every open board of a day follows one snapshot, read once per change.</summary>
public abstract class BoardSnapshotTests : OrderTestBase
{
    private BoardSnapshots Boards => Db.Get<BoardSnapshots>();

    private string DatabaseName =>
        Provider == DatabaseProvider.Sqlite ? Db.Folder : new MySqlConnectionStringBuilder(Db.ConnectionString).Database;

    [Fact]
    public async Task One_change_is_read_once_for_twenty_open_boards_and_reaches_every_one_of_them()
    {
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder(customer: "Общий Клиент"));
        const int screens = 20;
        var seen = new ConcurrentDictionary<int, BoardSnapshot>();
        var subscriptions = new List<IDisposable>();
        for (var i = 0; i < screens; i++)
        {
            var screen = i;
            subscriptions.Add(await Boards.OpenAsync(Db.CurrentUser, null, (snapshot, _) =>
            {
                seen[screen] = snapshot;
                return Task.CompletedTask;
            }));
        }

        Assert.Equal(1, Boards.OpenBoards);
        using var queries = new QueryLog(DatabaseName);

        Assert.True((await Orders.ChangeStatusAsync(id, OrderStatus.OnHold)).Succeeded);

        await EventuallyAsync(() => seen.Count == screens && seen.Values.All(s => s.Items.Single(o => o.Id == id).Status == OrderStatus.OnHold));
        Assert.Single(queries.Commands, IsCardRead);
        subscriptions.ForEach(s => s.Dispose());
        Assert.Equal(0, Boards.OpenBoards);
    }

    [Fact]
    public async Task A_days_board_takes_in_its_day_and_unscheduled_orders_and_lets_go_of_closed_and_moved_ones()
    {
        AsDispatcher();
        var tomorrow = Calendar.DateOf(Tomorrow(10));
        var stays = await CreateOrderAsync(NewOrder(customer: "Без Времени"));
        var snapshots = new ConcurrentQueue<BoardSnapshot>();
        using var board = await Boards.OpenAsync(Db.CurrentUser, tomorrow, (s, _) =>
        {
            snapshots.Enqueue(s);
            return Task.CompletedTask;
        });
        Assert.Equal(new[] { stays }, board.Current.Items.Select(o => o.Id));

        var joins = await CreateOrderAsync(NewOrder(start: Tomorrow(9), customer: "Завтрашний"));
        var elsewhere = await CreateOrderAsync(NewOrder(start: Tomorrow(10).AddDays(2), customer: "Послезавтрашний"));
        await EventuallyAsync(() => board.Current.Items.Any(o => o.Id == joins));
        Assert.Equal(new[] { stays, joins }, board.Current.Items.Select(o => o.Id)); // unscheduled first, as the query sorts
        Assert.True((await Orders.ChangeStatusAsync(stays, OrderStatus.Cancelled)).Succeeded);

        await EventuallyAsync(() => board.Current.Items.All(o => o.Id != stays));
        Assert.DoesNotContain(board.Current.Items, o => o.Id == elsewhere);
        Assert.Equal((await Queries.BoardAsync(tomorrow, null)).Select(o => o.Id), board.Current.Items.Select(o => o.Id));
    }

    [Fact]
    public async Task Only_office_users_open_the_board()
    {
        As(Guid.NewGuid(), Maxmontaj.Core.Users.Roles.Executor);

        await Assert.ThrowsAsync<Maxmontaj.Core.Common.ForbiddenAccessException>(() => Boards.OpenAsync(Db.CurrentUser, null, (_, _) => Task.CompletedTask));
    }

    /// <summary>The board's per-change read: one order projected as a card (the only projection with the declined flag).</summary>
    private static bool IsCardRead(string command) =>
        command.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && command.Contains("DeclineReason", StringComparison.Ordinal)
        && command.Contains("IS NOT NULL", StringComparison.OrdinalIgnoreCase) && !command.Contains("ORDER BY CASE", StringComparison.OrdinalIgnoreCase);

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the boards did not catch up within 10 s");
            await Task.Delay(20);
        }
    }
}

[Trait("Category", "Sqlite")]
public sealed class BoardSnapshotTests_Sqlite : BoardSnapshotTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class BoardSnapshotTests_MariaDb : BoardSnapshotTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}

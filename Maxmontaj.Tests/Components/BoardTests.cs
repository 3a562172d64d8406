using Bunit;
using Maxmontaj.Core.Assignment;
using Maxmontaj.Core.Orders;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Components.Pages.Dispatcher;
using Microsoft.AspNetCore.Components.Web;

namespace Maxmontaj.Tests.Components;

[Trait("Category", "Sqlite")]
public sealed class BoardTests : OrderComponentTestBase
{
    private static string Column(IRenderedComponent<Board> board, OrderStatus status) =>
        board.Find($"[data-column='{status}']").TextContent;

    /// <summary>Drags the order's card onto a column as the browser does: dragstart on the card, drop on the column's zone.</summary>
    private async Task DropAsync(IRenderedComponent<Board> board, Guid id, OrderStatus column)
    {
        var number = (await Db.Get<OrderService>().GetAsync(id)).Number;
        await board.Find($"[data-order='{number}']").TriggerEventAsync("ondragstart", new DragEventArgs());
        await board.Find($"[data-column='{column}'] .board-zone").TriggerEventAsync("ondrop", new DragEventArgs());
    }

    [Fact]
    public async Task Columns_hold_the_days_orders_by_status_with_counters()
    {
        var scheduled = await CreateOrderAsync("Запланированный Клиент", TodayAt(18));
        await Db.Get<OrderService>().ChangeStatusAsync(scheduled, OrderStatus.Scheduled);
        await CreateOrderAsync("Новый Клиент");

        var board = Render<Board>();

        board.WaitForAssertion(() => Assert.Contains("Новый Клиент", Column(board, OrderStatus.New)));
        Assert.Contains("Запланированный Клиент", Column(board, OrderStatus.Scheduled));
        Assert.Equal("1", board.Find("[data-testid='count-New']").TextContent.Trim());
        Assert.Equal("0", board.Find("[data-testid='count-InProgress']").TextContent.Trim());
    }

    [Fact]
    public async Task A_drop_the_transition_table_forbids_snaps_back_with_a_message()
    {
        var id = await CreateOrderAsync("Клиент Без Времени");
        var board = Render<Board>();
        board.WaitForAssertion(() => Assert.Contains("Клиент Без Времени", Column(board, OrderStatus.New)));

        await DropAsync(board, id, OrderStatus.InProgress);

        Snackbars.WaitForAssertion(() => Assert.Contains("Такой переход статуса недоступен.", Snackbars.Markup));
        board.WaitForAssertion(() => Assert.Contains("Клиент Без Времени", Column(board, OrderStatus.New)));
        Assert.Equal(OrderStatus.New, (await Db.Get<OrderService>().GetAsync(id)).Status);
    }

    [Fact]
    public async Task An_allowed_drop_moves_the_order()
    {
        var id = await CreateOrderAsync("Клиент На Паузу");
        var board = Render<Board>();
        board.WaitForAssertion(() => Assert.Contains("Клиент На Паузу", Column(board, OrderStatus.New)));

        await DropAsync(board, id, OrderStatus.OnHold);

        board.WaitForAssertion(() => Assert.Contains("Клиент На Паузу", Column(board, OrderStatus.OnHold)));
        Assert.Equal(OrderStatus.OnHold, (await Db.Get<OrderService>().GetAsync(id)).Status);
    }

    [Fact]
    public async Task A_change_made_elsewhere_appears_without_reload_and_disposal_ends_the_subscription()
    {
        var board = Render<Board>();
        var hub = (Maxmontaj.Core.Live.InProcessLiveEvents)Db.Get<Maxmontaj.Core.Live.ILiveEvents>();
        var before = hub.SubscriptionCount;

        await CreateOrderAsync("Клиент Из Другого Окна");

        board.WaitForAssertion(() => Assert.Contains("Клиент Из Другого Окна", Column(board, OrderStatus.New)));
        Assert.True(before >= 1);
        await DisposeComponentsAsync();
        Assert.Equal(before - 1, hub.SubscriptionCount);
    }

    [Fact]
    public async Task Assigning_a_lead_to_a_new_order_with_a_visit_moves_its_card_to_the_scheduled_column()
    {
        var fitter = await ExecutorAsync("Иван Монтажник");
        var id = await CreateOrderAsync("Клиент С Визитом", TodayAt(18));
        var board = Render<Board>();
        board.WaitForAssertion(() => Assert.Contains("Клиент С Визитом", Column(board, OrderStatus.New)));

        Assert.True((await Db.Get<AssignmentService>().AssignAsync(id, fitter, AssignmentRole.Lead)).Succeeded);

        board.WaitForAssertion(() => Assert.Contains("Клиент С Визитом", Column(board, OrderStatus.Scheduled)));
        Assert.DoesNotContain("Клиент С Визитом", Column(board, OrderStatus.New));
    }

    [Fact]
    public async Task After_its_own_drop_the_board_reads_the_orders_once()
    {
        var id = await CreateOrderAsync("Клиент Одной Перезагрузки");
        var board = Render<Board>();
        board.WaitForAssertion(() => Assert.Contains("Клиент Одной Перезагрузки", Column(board, OrderStatus.New)));
        using var queries = new QueryLog(Db.Folder);

        await DropAsync(board, id, OrderStatus.OnHold);
        board.WaitForAssertion(() => Assert.Contains("Клиент Одной Перезагрузки", Column(board, OrderStatus.OnHold)));
        board.WaitForAssertion(() => Assert.Contains(queries.Commands, IsCardRead));
        // A second read would follow within milliseconds; absence can only be shown by waiting a little.
        await Task.Delay(TimeSpan.FromSeconds(1));

        // The shared board reads the one changed order once, and never the whole board again (ADR 0026).
        Assert.Single(queries.Commands, IsCardRead);
        Assert.DoesNotContain(queries.Commands, IsBoardRead);
    }

    [Fact]
    public async Task A_live_change_re_renders_only_the_columns_it_concerns_and_leaves_the_other_cards_alone()
    {
        var moving = await CreateOrderAsync("Клиент Переезда");
        var still = await CreateOrderAsync("Клиент На Месте", TodayAt(18));
        await Db.Get<OrderService>().ChangeStatusAsync(still, OrderStatus.Scheduled);
        var board = Render<Board>();
        board.WaitForAssertion(() => Assert.Contains("Клиент На Месте", Column(board, OrderStatus.Scheduled)));
        board.WaitForAssertion(() => Assert.Contains("Клиент Переезда", Column(board, OrderStatus.New)));
        var zones = board.FindComponents<BoardZone>().ToDictionary(z => z.Instance.Target);
        var before = zones.ToDictionary(z => z.Key, z => z.Value.RenderCount);

        Assert.True((await Db.Get<OrderService>().ChangeStatusAsync(moving, OrderStatus.OnHold)).Succeeded);

        board.WaitForAssertion(() => Assert.Contains("Клиент Переезда", Column(board, OrderStatus.OnHold)));
        board.WaitForAssertion(() => Assert.DoesNotContain("Клиент Переезда", Column(board, OrderStatus.New)));
        // The two columns the change concerns render once each (their renders may land a moment apart on a busy machine).
        board.WaitForAssertion(() => Assert.Equal(before[nameof(OrderStatus.New)] + 1, zones[nameof(OrderStatus.New)].RenderCount));
        board.WaitForAssertion(() => Assert.Equal(before[nameof(OrderStatus.OnHold)] + 1, zones[nameof(OrderStatus.OnHold)].RenderCount));
        Assert.Equal(before[nameof(OrderStatus.Scheduled)], zones[nameof(OrderStatus.Scheduled)].RenderCount);
        Assert.Equal(before[nameof(OrderStatus.InProgress)], zones[nameof(OrderStatus.InProgress)].RenderCount);
    }

    [Fact]
    public async Task A_card_shows_the_customers_text_as_text_never_as_markup()
    {
        await CreateOrderAsync("<b>Жирный</b> & Ко");
        var board = Render<Board>();

        board.WaitForAssertion(() => Assert.Contains("<b>Жирный</b> & Ко", Column(board, OrderStatus.New)));
        Assert.Empty(board.FindAll("[data-column='New'] b"));
    }

    [Fact]
    public async Task A_live_change_records_its_push_latency_on_the_live_meter_for_the_board()
    {
        var recorded = new System.Collections.Concurrent.ConcurrentQueue<(double Ms, object? Page)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Maxmontaj.Core.Live.LiveMetrics.MeterName && instrument.Name == "maxmontaj.live.push_latency")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "page")
                {
                    recorded.Enqueue((value, tag.Value));
                }
            }
        });
        listener.Start();
        var board = Render<Board>();

        await CreateOrderAsync("Клиент Для Счётчика");

        board.WaitForAssertion(() => Assert.Contains("Клиент Для Счётчика", Column(board, OrderStatus.New)));
        board.WaitForAssertion(() => Assert.Contains(recorded, r => (string?)r.Page == "board" && r.Ms >= 0));
    }

    [Theory]
    [InlineData("http://localhost/dispatcher/board", "board")]
    [InlineData("http://localhost/dispatcher/orders?page=2", "orders")]
    [InlineData("http://localhost/executor/orders", "jobs")]
    [InlineData("http://localhost/s/abc", "status-link")]
    [InlineData("http://localhost/admin/analytics", "analytics")]
    [InlineData("http://localhost/", "other")]
    public void Circuits_are_counted_by_the_kind_of_page_they_show(string uri, string kind) =>
        Assert.Equal(kind, Maxmontaj.Web.Live.CircuitPageMeter.KindOf(uri));

    /// <summary>The board's list query: its orders sorted urgent first (the only list query with that CASE).</summary>
    private static bool IsBoardRead(string command) =>
        command.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && command.Contains("ORDER BY CASE", StringComparison.OrdinalIgnoreCase);

    /// <summary>One order read as a board card (a projection with the declined flag, without the board's sort).</summary>
    private static bool IsCardRead(string command) =>
        command.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && command.Contains("DeclineReason", StringComparison.Ordinal)
        && command.Contains("IS NOT NULL", StringComparison.OrdinalIgnoreCase) && !IsBoardRead(command);
}

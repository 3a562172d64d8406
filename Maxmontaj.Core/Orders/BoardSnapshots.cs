using System.Collections.Immutable;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Live;
using Maxmontaj.Core.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Maxmontaj.Core.Orders;

/// <summary>
/// The board of one day as every open board screen shows it, in memory once for the whole server (ADR 0026).
/// Opened by the first board screen of a day, it reads the board once, follows the office topic and, per live event about an
/// order, reads that one order (one database read, whatever the number of open boards), puts the new card in place and
/// hands the new immutable snapshot to each screen. Screens filter it (work type) and group it (columns) themselves.
/// When the last screen of a day closes, that day's board is dropped.
/// </summary>
public sealed class BoardSnapshots(IServiceScopeFactory scopes, ILiveEvents live, CompanyCalendar calendar, ILogger<BoardSnapshots> logger)
{
    /// <summary>The most cards a board holds, as <see cref="OrderQueries.BoardAsync"/> reads them.</summary>
    internal const int Cap = 600;

    private static readonly LiveEventKind[] CardKinds =
        [LiveEventKind.OrderCreated, LiveEventKind.OrderChanged, LiveEventKind.OrderAssigned, LiveEventKind.OrderStatusChanged];

    private readonly Dictionary<DateOnly, DayBoard> _boards = [];
    private readonly ILiveEvents _live = live;
    private readonly CompanyCalendar _calendar = calendar;
    private readonly ILogger _logger = logger;

    /// <summary>Days with an open board, for tests and diagnostics.</summary>
    public int OpenBoards
    {
        get
        {
            lock (_boards)
            {
                return _boards.Count;
            }
        }
    }

    /// <summary>
    /// Opens <paramref name="day"/>'s board (null: every open order) for an office user: the returned subscription holds the
    /// current snapshot and calls <paramref name="changed"/> (on the thread pool) with each newer one until it is disposed.
    /// </summary>
    public async Task<BoardSubscription> OpenAsync(ICurrentUser viewer, DateOnly? day, Func<BoardSnapshot, LiveEvent, Task> changed,
        CancellationToken cancellationToken = default)
    {
        OrderAccess.RequireOffice(viewer);
        var key = day ?? DateOnly.MinValue;
        DayBoard board;
        BoardSubscription subscription;
        lock (_boards)
        {
            if (!_boards.TryGetValue(key, out board!))
            {
                board = new DayBoard(this, key, day);
                _boards[key] = board;
                board.Start();
            }

            subscription = board.Add(changed);
        }

        try
        {
            await board.Loaded.WaitAsync(cancellationToken);
        }
        catch
        {
            subscription.Dispose();
            throw;
        }

        return subscription;
    }

    /// <summary>Reads as the office in a scope of its own: the snapshot outlives every circuit that opened it.</summary>
    private async Task<T> ReadAsync<T>(Func<OrderQueries, Task<T>> read)
    {
        await using var scope = scopes.CreateAsyncScopeFor(OfficeReader.Instance);
        var result = await read(scope.ServiceProvider.GetRequiredService<OrderQueries>());
        LiveMetrics.BoardReads.Add(1);
        return result;
    }

    private void Close(DayBoard board)
    {
        lock (_boards)
        {
            if (_boards.TryGetValue(board.Key, out var open) && open == board)
            {
                _boards.Remove(board.Key);
            }
        }
    }

    /// <summary>Reads for every screen; it sees what an office user sees.</summary>
    private sealed class OfficeReader : ICurrentUser
    {
        public static readonly OfficeReader Instance = new();

        /// <summary>No person: an id that no account has, so that a child scope can act for it (ADR 0015).</summary>
        public Guid? UserId => Guid.Empty;

        public bool IsInRole(string role) => role == Roles.Dispatcher;
    }

    private sealed class DayBoard(BoardSnapshots owner, DateOnly key, DateOnly? day)
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private ImmutableList<BoardSubscription> _subscribers = [];
        private IDisposable? _hub;
        private bool _closed;

        public DateOnly Key => key;

        public Task Loaded { get; private set; } = Task.CompletedTask;

        public BoardSnapshot Current { get; private set; } = BoardSnapshot.Empty(day);

        /// <summary>Follows the office topic first, so that no change between the read and the subscription is lost.</summary>
        public void Start()
        {
            _hub = owner._live.Subscribe(LiveTopics.AllOrders, OnEventAsync);
            Loaded = LoadAsync();
        }

        public BoardSubscription Add(Func<BoardSnapshot, LiveEvent, Task> changed)
        {
            var subscription = new BoardSubscription(this, changed);
            ImmutableInterlocked.Update(ref _subscribers, list => list.Add(subscription));
            return subscription;
        }

        public void Remove(BoardSubscription subscription)
        {
            lock (owner._boards)
            {
                _subscribers = _subscribers.Remove(subscription);
                if (!_subscribers.IsEmpty || _closed)
                {
                    return;
                }

                _closed = true;
                _hub?.Dispose();
                owner.Close(this);
            }
        }

        private async Task LoadAsync()
        {
            await _gate.WaitAsync();
            try
            {
                await ReadAllAsync();
            }
            catch
            {
                // The screens that wait get the failure; the next screen to open tries again with a new board.
                lock (owner._boards)
                {
                    _closed = true;
                    _hub?.Dispose();
                    owner.Close(this);
                }

                throw;
            }
            finally
            {
                _gate.Release();
            }
        }

        private async Task ReadAllAsync()
        {
            var items = await owner.ReadAsync(q => q.BoardAsync(day, null));
            Current = new BoardSnapshot(day, [.. items], Current.Version + 1, items.Count >= Cap);
        }

        private async Task OnEventAsync(LiveEvent liveEvent)
        {
            if (!CardKinds.Contains(liveEvent.Kind))
            {
                return;
            }

            try
            {
                await Loaded;
            }
            catch
            {
                return;
            }

            BoardSnapshot next;
            await _gate.WaitAsync();
            try
            {
                if (_closed)
                {
                    return;
                }

                var card = await owner.ReadAsync(q => q.BoardCardAsync(liveEvent.OrderId));
                var applied = Current.With(liveEvent.OrderId, card, day is { } d ? owner._calendar.DayBounds(d) : null);
                if (applied is null)
                {
                    await ReadAllAsync();
                }
                else if (applied == Current)
                {
                    return;
                }
                else
                {
                    Current = applied;
                }

                next = Current;
            }
            finally
            {
                _gate.Release();
            }

            foreach (var subscriber in _subscribers)
            {
                _ = NotifyAsync(subscriber, next, liveEvent);
            }
        }

        private async Task NotifyAsync(BoardSubscription subscriber, BoardSnapshot snapshot, LiveEvent liveEvent)
        {
            try
            {
                await subscriber.Changed(snapshot, liveEvent);
            }
            catch (Exception exception)
            {
                owner._logger.LogWarning(exception, "A board screen failed on {Kind} {OrderId}", liveEvent.Kind, liveEvent.OrderId);
            }
        }
    }

    /// <summary>One screen's hold on a day's board.</summary>
    public sealed class BoardSubscription : IDisposable
    {
        private readonly DayBoard _board;
        private int _disposed;

        internal BoardSubscription(object board, Func<BoardSnapshot, LiveEvent, Task> changed)
        {
            _board = (DayBoard)board;
            Changed = changed;
        }

        internal Func<BoardSnapshot, LiveEvent, Task> Changed { get; }

        /// <summary>The newest snapshot of the day's board.</summary>
        public BoardSnapshot Current => _board.Current;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _board.Remove(this);
            }
        }
    }
}

/// <summary>
/// An immutable board: its cards in board order (urgent first, then by visit, unscheduled first, then by number), shared by
/// every screen that shows it. <see cref="Version"/> grows with each change, so a screen never goes back to an older one.
/// </summary>
public sealed class BoardSnapshot
{
    internal BoardSnapshot(DateOnly? day, ImmutableArray<OrderListItem> items, long version, bool capped)
    {
        Day = day;
        Items = items;
        Version = version;
        Capped = capped;
    }

    public DateOnly? Day { get; }

    public ImmutableArray<OrderListItem> Items { get; }

    public long Version { get; }

    /// <summary>True when the read was cut at <see cref="BoardSnapshots.Cap"/> cards: a card leaving it needs a full read.</summary>
    internal bool Capped { get; }

    internal static BoardSnapshot Empty(DateOnly? day) => new(day, [], 0, false);

    /// <summary>
    /// The board with <paramref name="id"/> now read as <paramref name="card"/> (null: gone): this snapshot when nothing shown
    /// changes, null when only a full read can tell (a card left a board cut at the cap).
    /// </summary>
    internal BoardSnapshot? With(Guid id, OrderListItem? card, (DateTimeOffset Start, DateTimeOffset End)? bounds)
    {
        var index = -1;
        for (var i = 0; i < Items.Length && index < 0; i++)
        {
            index = Items[i].Id == id ? i : -1;
        }

        var belongs = card is not null && OrderQueries.BoardStatuses.Contains(card.Status)
            && (bounds is not { } b || card.ScheduledStart is not { } start || (start >= b.Start && start < b.End));
        if (!belongs)
        {
            return index < 0 ? this : Capped ? null : new BoardSnapshot(Day, Items.RemoveAt(index), Version + 1, false);
        }

        if (index >= 0 && Items[index] == card)
        {
            return this;
        }

        var items = index >= 0 ? Items.RemoveAt(index) : Items;
        var at = 0;
        while (at < items.Length && Compare(items[at], card!) <= 0)
        {
            at++;
        }

        items = items.Insert(at, card!);
        var capped = Capped;
        if (items.Length > BoardSnapshots.Cap)
        {
            items = items.RemoveAt(items.Length - 1);
            capped = true;
        }

        return new BoardSnapshot(Day, items, Version + 1, capped);
    }

    /// <summary>The board's order, as <see cref="OrderQueries.BoardAsync"/> sorts it.</summary>
    internal static int Compare(OrderListItem a, OrderListItem b)
    {
        var urgent = (a.Priority == OrderPriority.Urgent ? 0 : 1).CompareTo(b.Priority == OrderPriority.Urgent ? 0 : 1);
        if (urgent != 0)
        {
            return urgent;
        }

        var visit = Nullable.Compare(a.ScheduledStart, b.ScheduledStart);
        return visit != 0 ? visit : string.CompareOrdinal(a.Number, b.Number);
    }
}

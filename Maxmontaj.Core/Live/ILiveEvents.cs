namespace Maxmontaj.Core.Live;

/// <summary>What changed. Events carry ids only; each screen re-reads through the services, so access rules apply.</summary>
public enum LiveEventKind
{
    OrderCreated,
    OrderChanged,
    OrderAssigned,
    OrderStatusChanged,
    ChatMessage,
    ReportChanged,
    LowRating,
    ApplicationSubmitted,
}

/// <summary>A change that open screens should show.</summary>
public sealed record LiveEvent(LiveEventKind Kind, Guid OrderId)
{
    /// <summary>
    /// When the hub published it (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>), for the push-latency meter
    /// (<see cref="LiveMetrics"/>); set by the hub, not part of equality.
    /// </summary>
    public long PublishedAt { get; init; }

    public bool Equals(LiveEvent? other) => other is not null && Kind == other.Kind && OrderId == other.OrderId;

    public override int GetHashCode() => HashCode.Combine(Kind, OrderId);
}

/// <summary>Topics screens subscribe to.</summary>
public static class LiveTopics
{
    /// <summary>Every order: dispatchers' and admins' screens.</summary>
    public const string AllOrders = "orders";

    /// <summary>One order: its page.</summary>
    public static string Order(Guid orderId) => $"order:{orderId:N}";

    /// <summary>One order's chat thread (the staff thread, or the thread with the customer).</summary>
    public static string Chat(Guid orderId, Chat.ChatChannel channel = Core.Chat.ChatChannel.Staff) =>
        channel == Core.Chat.ChatChannel.Staff ? $"chat:{orderId:N}" : $"chat:{orderId:N}:customer";

    /// <summary>Alerts for the office: a low rating, a new request from the portal.</summary>
    public const string OfficeAlerts = "alerts";

    /// <summary>Contractors' applications from the bots: the dispatchers' queue.</summary>
    public const string Applications = "applications";

    /// <summary>Every chat message: the dispatchers' inbox and their unread badge.</summary>
    public const string ChatInbox = "chat";

    /// <summary>The orders of one person: an executor's or specialist's job list.</summary>
    public static string Person(Guid userId) => $"person:{userId:N}";
}

/// <summary>
/// Live events between parts of the app. The in-process hub serves one instance; another implementation (Redis) can serve
/// several, so no subscriber may assume the publisher runs in its process.
/// </summary>
public interface ILiveEvents
{
    /// <summary>Delivers <paramref name="liveEvent"/> to the subscribers of each topic. Call only after the change is committed.</summary>
    void Publish(LiveEvent liveEvent, params string[] topics);

    /// <summary>Calls <paramref name="handler"/> for each event on <paramref name="topic"/> until the returned handle is disposed.</summary>
    IDisposable Subscribe(string topic, Func<LiveEvent, Task> handler);
}

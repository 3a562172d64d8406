namespace Maxmontaj.Core.Chat;

/// <summary>Which of an order's two threads: the office with the people on the order, or the office with the customer.</summary>
public enum ChatChannel
{
    Staff,
    Customer,
}

/// <summary>A message in one of an order's threads. Text is always shown as text.</summary>
public class ChatMessage
{
    public long Id { get; set; }
    public Guid OrderId { get; set; }
    public ChatChannel Channel { get; set; }
    public Guid AuthorId { get; set; }
    public string Text { get; set; } = "";

    /// <summary>Upper-case copy of <see cref="Text"/> for case-insensitive search on every provider.</summary>
    public string SearchText { get; set; } = "";

    /// <summary>An attached photo, stored like report photos.</summary>
    public string? PhotoStoredName { get; set; }
    public string? PhotoContentType { get; set; }
    public DateTimeOffset SentAt { get; set; }
}

/// <summary>The last message a person has read in a thread; everything after it is unread.</summary>
public class ChatReadMark
{
    public Guid UserId { get; set; }
    public Guid OrderId { get; set; }
    public ChatChannel Channel { get; set; }
    public long LastReadMessageId { get; set; }
}

using Maxmontaj.Core.Common;
using Maxmontaj.Core.Live;
using Maxmontaj.Core.Notifications;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Chat;

public sealed record ChatLine(long Id, Guid AuthorId, string AuthorName, string Text, bool HasPhoto, DateTimeOffset SentAt, bool Mine);

public sealed record ChatThreadView(Guid OrderId, string OrderNumber, IReadOnlyList<ChatLine> Messages);

public sealed record InboxThread(Guid OrderId, string OrderNumber, string CustomerName, string LastText, DateTimeOffset LastAt, int Unread);

/// <summary>
/// One thread per order between the office and the people on it. Every read and post checks that the user may see the
/// order now (people taken off an order lose the thread; its history stays).
/// </summary>
public sealed class ChatService(
    IMaxmontajDbFactory dbFactory,
    ICurrentUser currentUser,
    TimeProvider time,
    ILiveEvents live,
    IPhotoStore photos,
    IPresence presence,
    INotificationSink notifications)
{
    public const int MaxText = 4000;
    public static Error TextRequired => new("Chat.TextRequired", "Text");
    public static Error TextTooLong => new("Chat.TextTooLong", "Text");

    public async Task<ChatThreadView> ThreadAsync(Guid orderId, int take = 200, CancellationToken cancellationToken = default)
    {
        var me = currentUser.UserId ?? throw new ForbiddenAccessException();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var number = await VisibleNumberAsync(db, orderId, cancellationToken);
        var messages = await db.ChatMessages.AsNoTracking().Where(m => m.OrderId == orderId)
            .OrderByDescending(m => m.Id).Take(take).ToListAsync(cancellationToken);
        messages.Reverse();
        var names = await OrderQueries.NamesAsync(db, messages.Select(m => m.AuthorId), cancellationToken);
        return new ChatThreadView(orderId, number, messages
            .Select(m => new ChatLine(m.Id, m.AuthorId, names.GetValueOrDefault(m.AuthorId, "?"), m.Text, m.PhotoStoredName is not null, m.SentAt, m.AuthorId == me))
            .ToList());
    }

    public async Task<Result<long>> PostAsync(Guid orderId, string text, byte[]? photo = null, CancellationToken cancellationToken = default)
    {
        var me = currentUser.UserId ?? throw new ForbiddenAccessException();
        text = text?.Trim() ?? "";
        if (text.Length == 0 && photo is null)
        {
            return Result<long>.Failure(TextRequired);
        }

        if (text.Length > MaxText)
        {
            return Result<long>.Failure(TextTooLong);
        }

        PhotoCheck? check = null;
        if (photo is not null)
        {
            check = PhotoInspector.Inspect(photo);
            if (!check.IsValid)
            {
                return Result<long>.Failure(new Error(check.ErrorCode!, "Photo"));
            }
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var number = await VisibleNumberAsync(db, orderId, cancellationToken);
        var message = new ChatMessage { OrderId = orderId, AuthorId = me, Text = text, SearchText = text.ToUpperInvariant(), SentAt = time.GetUtcNow() };
        if (photo is not null)
        {
            message.PhotoStoredName = await photos.SaveAsync(photo, check!.Extension!, cancellationToken);
            message.PhotoContentType = check.ContentType;
        }

        db.ChatMessages.Add(message);
        await MarkReadAsync(db, me, orderId, long.MaxValue, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        var people = await db.OrderAssignments.Where(a => a.OrderId == orderId).Select(a => a.UserId).ToListAsync(cancellationToken);
        live.Publish(new LiveEvent(LiveEventKind.ChatMessage, orderId),
            [LiveTopics.Chat(orderId), LiveTopics.ChatInbox, .. people.Select(LiveTopics.Person)]);

        // People on the order who have no page open hear about it through the notification service.
        foreach (var person in people.Where(p => p != me && !presence.IsOnline(p)))
        {
            await notifications.NotifyAsync(person, "chat", orderId, $"{number}: {Shorten(text)}", cancellationToken);
        }

        return message.Id;
    }

    public async Task MarkReadAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        var me = currentUser.UserId ?? throw new ForbiddenAccessException();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await VisibleNumberAsync(db, orderId, cancellationToken);
        await MarkReadAsync(db, me, orderId, long.MaxValue, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Unread messages per thread the current user may see (others' messages after their read mark).</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> UnreadAsync(CancellationToken cancellationToken = default)
    {
        var me = currentUser.UserId ?? throw new ForbiddenAccessException();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var visible = OrderAccess.Visible(db, currentUser);
        return await (from m in db.ChatMessages
                      where m.AuthorId != me && visible.Any(o => o.Id == m.OrderId)
                          && m.Id > (db.ChatReadMarks.Where(r => r.UserId == me && r.OrderId == m.OrderId).Select(r => (long?)r.LastReadMessageId).FirstOrDefault() ?? 0)
                      group m by m.OrderId into g
                      select new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
    }

    /// <summary>The office's inbox: every thread, unread first, then the latest; search over number, customer and text.</summary>
    public async Task<IReadOnlyList<InboxThread>> InboxAsync(string? search, CancellationToken cancellationToken = default)
    {
        OrderAccess.RequireOffice(currentUser);
        var unread = await UnreadAsync(cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var threads = db.ChatMessages.AsQueryable();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var upper = search.Trim().ToUpperInvariant();
            threads = threads.Where(m => m.SearchText.Contains(upper) || db.Orders.Any(o => o.Id == m.OrderId && o.SearchText.Contains(upper)));
        }

        var last = await threads.GroupBy(m => m.OrderId).Select(g => g.Max(m => m.Id)).ToListAsync(cancellationToken);
        var rows = await (from m in db.ChatMessages
                          join o in db.Orders on m.OrderId equals o.Id
                          where last.Contains(m.Id)
                          select new { m.OrderId, o.Number, o.CustomerName, m.Text, m.SentAt }).ToListAsync(cancellationToken);
        return rows.Select(r => new InboxThread(r.OrderId, r.Number, r.CustomerName, Shorten(r.Text), r.SentAt, unread.GetValueOrDefault(r.OrderId)))
            .OrderByDescending(t => t.Unread > 0).ThenByDescending(t => t.LastAt).Take(200).ToList();
    }

    /// <summary>A chat photo's file for someone who may see the order.</summary>
    public async Task<(Stream Content, string ContentType)> OpenPhotoAsync(long messageId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var visible = OrderAccess.Visible(db, currentUser);
        var photo = await db.ChatMessages.AsNoTracking()
            .Where(m => m.Id == messageId && m.PhotoStoredName != null && visible.Any(o => o.Id == m.OrderId))
            .Select(m => new { m.PhotoStoredName, m.PhotoContentType }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("ChatPhoto", messageId);
        var stream = photos.OpenRead(photo.PhotoStoredName!) ?? throw new NotFoundException("ChatPhoto", messageId);
        return (stream, photo.PhotoContentType!);
    }

    private async Task<string> VisibleNumberAsync(IMaxmontajDb db, Guid orderId, CancellationToken cancellationToken) =>
        await OrderAccess.Visible(db, currentUser).Where(o => o.Id == orderId).Select(o => o.Number).SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Order", orderId);

    private static async Task MarkReadAsync(IMaxmontajDb db, Guid userId, Guid orderId, long upTo, CancellationToken cancellationToken)
    {
        var lastId = await db.ChatMessages.Where(m => m.OrderId == orderId).MaxAsync(m => (long?)m.Id, cancellationToken) ?? 0;
        var tracked = db.ChatMessages.Local.Where(m => m.OrderId == orderId).Select(m => m.Id).DefaultIfEmpty(0).Max();
        var mark = await db.ChatReadMarks.SingleOrDefaultAsync(r => r.UserId == userId && r.OrderId == orderId, cancellationToken);
        var value = Math.Min(upTo, Math.Max(lastId, tracked));
        if (mark is null)
        {
            db.ChatReadMarks.Add(new ChatReadMark { UserId = userId, OrderId = orderId, LastReadMessageId = value });
        }
        else if (value > mark.LastReadMessageId)
        {
            mark.LastReadMessageId = value;
        }
    }

    private static string Shorten(string text) => text.Length > 140 ? text[..140] + "…" : text;
}

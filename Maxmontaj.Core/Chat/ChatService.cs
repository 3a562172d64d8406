using Maxmontaj.Core.Common;
using Maxmontaj.Core.Live;
using Maxmontaj.Core.Notifications;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Chat;

public sealed record ChatLine(long Id, Guid AuthorId, string AuthorName, string Text, bool HasPhoto, DateTimeOffset SentAt, bool Mine);

public sealed record ChatThreadView(Guid OrderId, string OrderNumber, IReadOnlyList<ChatLine> Messages);

public sealed record InboxThread(Guid OrderId, ChatChannel Channel, string OrderNumber, string CustomerName, string LastText, DateTimeOffset LastAt, int Unread);

/// <summary>
/// Two threads per order: the office with the people on it (staff), and the office with the customer. Every read and post
/// checks that the user may see that thread now (people taken off an order lose it; its history stays).
/// </summary>
public sealed class ChatService(
    IMaxmontajDbFactory dbFactory,
    ICurrentUser currentUser,
    TimeProvider time,
    ILiveEvents live,
    IPhotoStore photos,
    IPresence presence,
    IImageSanitizer sanitizer,
    Quotas.QuotaService quotas)
{
    public const int MaxText = 4000;
    public static Error TextRequired => new("Chat.TextRequired", "Text");
    public static Error TextTooLong => new("Chat.TextTooLong", "Text");

    public async Task<ChatThreadView> ThreadAsync(Guid orderId, ChatChannel channel = ChatChannel.Staff, int take = 200, CancellationToken cancellationToken = default)
    {
        var me = currentUser.UserId ?? throw new ForbiddenAccessException();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var number = await VisibleNumberAsync(db, orderId, channel, cancellationToken);
        var messages = await db.ChatMessages.AsNoTracking().Where(m => m.OrderId == orderId && m.Channel == channel)
            .OrderByDescending(m => m.Id).Take(take).ToListAsync(cancellationToken);
        messages.Reverse();
        var names = await OrderQueries.NamesAsync(db, messages.Select(m => m.AuthorId), cancellationToken);
        return new ChatThreadView(orderId, number, messages
            .Select(m => new ChatLine(m.Id, m.AuthorId, names.GetValueOrDefault(m.AuthorId, "?"), m.Text, m.PhotoStoredName is not null, m.SentAt, m.AuthorId == me))
            .ToList());
    }

    public async Task<Result<long>> PostAsync(Guid orderId, string text, byte[]? photo = null, ChatChannel channel = ChatChannel.Staff,
        CancellationToken cancellationToken = default)
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

        return await PostCoreAsync(me, orderId, text, photo, check, null, channel, cancellationToken);
    }

    /// <summary>
    /// A photo the caller already inspected, re-encoded and counted against the quota (a portal request's photos), posted
    /// to the thread as it is. Nothing is left to refuse it for: an order the user cannot see throws, as in <see cref="PostAsync"/>.
    /// </summary>
    internal async Task<long> PostCleanPhotoAsync(Guid orderId, SanitizedImage photo, ChatChannel channel, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId ?? throw new ForbiddenAccessException();
        var posted = await PostCoreAsync(me, orderId, "", null, null, photo, channel, cancellationToken);
        return posted.Succeeded ? posted.Value : throw new InvalidOperationException($"A checked photo was refused: {posted.Errors[0].Code}");
    }

    private async Task<Result<long>> PostCoreAsync(Guid me, Guid orderId, string text, byte[]? photo, PhotoCheck? check, SanitizedImage? clean,
        ChatChannel channel, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var number = await VisibleNumberAsync(db, orderId, channel, cancellationToken);
        if (photo is not null)
        {
            if (await quotas.CheckChatPhotosAsync(db, me, 1, "Photo", cancellationToken) is { } exceeded)
            {
                return Result<long>.Failure(exceeded);
            }

            // Stored re-encoded, so the file is only an image (no script riding along, no EXIF with GPS); decoded only
            // once the order is visible and the quota allows it.
            var sanitized = sanitizer.Sanitize(photo, check!, "Photo");
            if (!sanitized.Succeeded)
            {
                return Result<long>.Failure([.. sanitized.Errors]);
            }

            clean = sanitized.Value!;
        }

        var message = new ChatMessage { OrderId = orderId, Channel = channel, AuthorId = me, Text = text, SearchText = text.ToUpperInvariant(), SentAt = time.GetUtcNow() };
        if (clean is not null)
        {
            message.PhotoStoredName = await photos.SaveAsync(clean.Content, clean.Extension, cancellationToken);
            message.PhotoContentType = clean.ContentType;
        }

        db.ChatMessages.Add(message);

        // The staff thread reaches the people on the order; the customer thread reaches the customer.
        var people = channel == ChatChannel.Staff
            ? await db.OrderAssignments.Where(a => a.OrderId == orderId).Select(a => a.UserId).ToListAsync(cancellationToken)
            : await db.Orders.Where(o => o.Id == orderId && o.CustomerId != null).Select(o => o.CustomerId!.Value).ToListAsync(cancellationToken);

        // People who have no page open hear about it through the outbox, queued in the same transaction as the message.
        var key = Guid.NewGuid().ToString("N");
        foreach (var person in people.Where(p => p != me && !presence.IsOnline(p)))
        {
            Outbox.Enqueue(db, person, "chat", orderId, $"{number}: {Shorten(text)}", $"chat:{key}:{person:N}", message.SentAt);
        }

        await db.SaveChangesAsync(cancellationToken);
        await MarkReadAsync(db, me, orderId, channel, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        live.Publish(new LiveEvent(LiveEventKind.ChatMessage, orderId),
            [LiveTopics.Chat(orderId, channel), LiveTopics.ChatInbox, LiveTopics.Order(orderId), .. people.Select(LiveTopics.Person)]);
        return message.Id;
    }

    public async Task MarkReadAsync(Guid orderId, ChatChannel channel = ChatChannel.Staff, CancellationToken cancellationToken = default)
    {
        var me = currentUser.UserId ?? throw new ForbiddenAccessException();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await VisibleNumberAsync(db, orderId, channel, cancellationToken);
        await MarkReadAsync(db, me, orderId, channel, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Unread messages per order across the threads the current user may see (others' messages after their read mark).</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> UnreadAsync(CancellationToken cancellationToken = default) =>
        (await UnreadByThreadAsync(cancellationToken)).GroupBy(t => t.Key.OrderId).ToDictionary(g => g.Key, g => g.Sum(t => t.Value));

    private async Task<Dictionary<(Guid OrderId, ChatChannel Channel), int>> UnreadByThreadAsync(CancellationToken cancellationToken)
    {
        var me = currentUser.UserId ?? throw new ForbiddenAccessException();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var staff = OrderAccess.Visible(db, currentUser);
        var customer = CustomerThreads(db);
        var rows = await (from m in db.ChatMessages
                          where m.AuthorId != me
                              && ((m.Channel == ChatChannel.Staff && staff.Any(o => o.Id == m.OrderId))
                                  || (m.Channel == ChatChannel.Customer && customer.Any(o => o.Id == m.OrderId)))
                              && m.Id > (db.ChatReadMarks.Where(r => r.UserId == me && r.OrderId == m.OrderId && r.Channel == m.Channel)
                                  .Select(r => (long?)r.LastReadMessageId).FirstOrDefault() ?? 0)
                          group m by new { m.OrderId, m.Channel } into g
                          select new { g.Key.OrderId, g.Key.Channel, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => (r.OrderId, r.Channel), r => r.Count);
    }

    /// <summary>The office's inbox: every thread, unread first, then the latest; search over number, customer and text.</summary>
    public async Task<IReadOnlyList<InboxThread>> InboxAsync(string? search, CancellationToken cancellationToken = default)
    {
        OrderAccess.RequireOffice(currentUser);
        var unread = await UnreadByThreadAsync(cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var threads = db.ChatMessages.AsQueryable();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var upper = search.Trim().ToUpperInvariant();
            threads = threads.Where(m => m.SearchText.Contains(upper) || db.Orders.Any(o => o.Id == m.OrderId && o.SearchText.Contains(upper)));
        }

        var last = await threads.GroupBy(m => new { m.OrderId, m.Channel }).Select(g => g.Max(m => m.Id)).ToListAsync(cancellationToken);
        var rows = await (from m in db.ChatMessages
                          join o in db.Orders on m.OrderId equals o.Id
                          where last.Contains(m.Id)
                          select new { m.OrderId, m.Channel, o.Number, o.CustomerName, m.Text, m.SentAt }).ToListAsync(cancellationToken);
        return rows.Select(r => new InboxThread(r.OrderId, r.Channel, r.Number, r.CustomerName, Shorten(r.Text), r.SentAt,
                unread.GetValueOrDefault((r.OrderId, r.Channel))))
            .OrderByDescending(t => t.Unread > 0).ThenByDescending(t => t.LastAt).Take(200).ToList();
    }

    /// <summary>A chat photo's file for someone who may see the order.</summary>
    public async Task<(Stream Content, string ContentType)> OpenPhotoAsync(long messageId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var staff = OrderAccess.Visible(db, currentUser);
        var customer = CustomerThreads(db);
        var photo = await db.ChatMessages.AsNoTracking()
            .Where(m => m.Id == messageId && m.PhotoStoredName != null
                && ((m.Channel == ChatChannel.Staff && staff.Any(o => o.Id == m.OrderId)) || (m.Channel == ChatChannel.Customer && customer.Any(o => o.Id == m.OrderId))))
            .Select(m => new { m.PhotoStoredName, m.PhotoContentType }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("ChatPhoto", messageId);
        var stream = photos.OpenRead(photo.PhotoStoredName!) ?? throw new NotFoundException("ChatPhoto", messageId);
        return (stream, photo.PhotoContentType!);
    }

    /// <summary>Orders whose customer thread the current user may see: the office all, a customer their own.</summary>
    private IQueryable<Order> CustomerThreads(IMaxmontajDb db)
    {
        if (OrderAccess.IsOffice(currentUser))
        {
            return db.Orders;
        }

        var me = currentUser.UserId;
        return currentUser.IsInRole(Users.Roles.Customer) && me is not null
            ? db.Orders.Where(o => o.CustomerId == me)
            : db.Orders.Where(_ => false);
    }

    private async Task<string> VisibleNumberAsync(IMaxmontajDb db, Guid orderId, ChatChannel channel, CancellationToken cancellationToken) =>
        await (channel == ChatChannel.Staff ? OrderAccess.Visible(db, currentUser) : CustomerThreads(db))
            .Where(o => o.Id == orderId).Select(o => o.Number).SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Order", orderId);

    private static async Task MarkReadAsync(IMaxmontajDb db, Guid userId, Guid orderId, ChatChannel channel, CancellationToken cancellationToken)
    {
        var value = await db.ChatMessages.Where(m => m.OrderId == orderId && m.Channel == channel).MaxAsync(m => (long?)m.Id, cancellationToken) ?? 0;
        var mark = await db.ChatReadMarks.SingleOrDefaultAsync(r => r.UserId == userId && r.OrderId == orderId && r.Channel == channel, cancellationToken);
        if (mark is null)
        {
            db.ChatReadMarks.Add(new ChatReadMark { UserId = userId, OrderId = orderId, Channel = channel, LastReadMessageId = value });
        }
        else if (value > mark.LastReadMessageId)
        {
            mark.LastReadMessageId = value;
        }
    }

    private static string Shorten(string text) => text.Length > 140 ? text[..140] + "…" : text;
}

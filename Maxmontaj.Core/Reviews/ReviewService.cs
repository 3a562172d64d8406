using Maxmontaj.Core.Common;
using Maxmontaj.Core.Live;
using Maxmontaj.Core.Orders;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Reviews;

/// <summary>
/// Customers rate finished orders: 1 to 5 stars and a comment, one review per order, editable for seven days.
/// A rating of 3 or less marks the order for follow-up and alerts the office live.
/// </summary>
public sealed class ReviewService(IMaxmontajDbFactory dbFactory, TimeProvider time, CompanyCalendar calendar, ILiveEvents live)
{
    public const int MaxComment = 2000;
    public const int LowRating = 3;
    public static readonly TimeSpan EditWindow = TimeSpan.FromDays(7);

    public static Error NotFinished => new("Review.NotFinished");
    public static Error RatingOutOfRange => new("Review.RatingOutOfRange", "Rating");
    public static Error CommentTooLong => new("Review.CommentTooLong", "Comment");
    public static Error EditClosed => new("Review.EditClosed");

    /// <summary>Leaves or edits the review of an order the caller has already been allowed to see.</summary>
    internal async Task<Result> SaveAsync(Guid orderId, int rating, string? comment, CancellationToken cancellationToken)
    {
        if (rating is < 1 or > 5)
        {
            return Result.Failure(RatingOutOfRange);
        }

        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment?.Length > MaxComment)
        {
            return Result.Failure(CommentTooLong);
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var order = await db.Orders.Include(o => o.Assignments).SingleAsync(o => o.Id == orderId, cancellationToken);
        if (order.Status is not (OrderStatus.Completed or OrderStatus.Closed))
        {
            return Result.Failure(NotFinished);
        }

        var now = time.GetUtcNow();
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.OrderId == orderId, cancellationToken);
        if (review is null)
        {
            review = new Review
            {
                Id = Guid.CreateVersion7(),
                OrderId = orderId,
                WorkTypeId = order.WorkTypeId,
                ExecutorId = order.Assignments.FirstOrDefault(a => a.Role == AssignmentRole.Lead)?.UserId,
                CreatedAt = now,
                CreatedDay = calendar.DayNumberOf(now),
            };
            db.Reviews.Add(review);
        }
        else if (now - review.CreatedAt > EditWindow)
        {
            return Result.Failure(EditClosed);
        }
        else
        {
            review.UpdatedAt = now;
        }

        review.Rating = rating;
        review.Comment = comment;
        var low = rating <= LowRating;
        if (low)
        {
            order.NeedsFollowUp = true;
            var dispatchers = await (from u in db.Users
                                     where u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Users.Roles.Dispatcher))
                                     select u.Id).ToListAsync(cancellationToken);
            foreach (var dispatcher in dispatchers)
            {
                Notifications.Outbox.Enqueue(db, dispatcher, "rating", orderId, Notifications.NotificationTexts.LowRating(order.Number, rating),
                    $"rating:{orderId:N}:{dispatcher:N}:{now.UtcTicks}", now);
            }
        }

        // The review joins the order's optimistic concurrency: if the order changed since it was read (reopened for rework,
        // cancelled, edited), the whole save (review, follow-up flag, alerts) is refused as a conflict.
        order.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Failure(OrderErrors.Conflict);
        }

        live.Publish(new LiveEvent(low ? LiveEventKind.LowRating : LiveEventKind.OrderChanged, orderId),
            low ? [LiveTopics.OfficeAlerts, LiveTopics.AllOrders, LiveTopics.Order(orderId)] : [LiveTopics.Order(orderId)]);
        return Result.Success();
    }
}

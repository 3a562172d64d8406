using Maxmontaj.Core.Common;
using Maxmontaj.Core.Users;

namespace Maxmontaj.Core.Orders;

/// <summary>Who sees which orders: the office sees all; executors and specialists only the orders they are on.</summary>
internal static class OrderAccess
{
    public static bool IsOffice(ICurrentUser user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Dispatcher);

    public static bool IsField(ICurrentUser user) => user.IsInRole(Roles.Executor) || user.IsInRole(Roles.Specialist);

    public static IQueryable<Order> Visible(IMaxmontajDb db, ICurrentUser user)
    {
        if (IsOffice(user))
        {
            return db.Orders;
        }

        if (IsField(user) && user.UserId is { } id)
        {
            return db.Orders.Where(o => o.Assignments.Any(a => a.UserId == id));
        }

        return db.Orders.Where(_ => false);
    }

    public static void RequireOffice(ICurrentUser user)
    {
        if (!IsOffice(user))
        {
            throw new ForbiddenAccessException();
        }
    }

    /// <summary>The topics that must hear about a change to an order: the office, the order, and every person on it.</summary>
    public static string[] Topics(Guid orderId, IEnumerable<Guid> people) =>
        [Live.LiveTopics.AllOrders, Live.LiveTopics.Order(orderId), .. people.Distinct().Select(Live.LiveTopics.Person)];
}

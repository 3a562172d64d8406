namespace Maxmontaj.Core.Orders;

/// <summary>
/// The order list's sort orders and the keyset predicates that continue them: every sort ends with a unique key (the id, or
/// the number's year and sequence), so "the rows after this one" is exact with ties on the sort value. Each sort has an
/// index whose order it follows (InnoDB secondary indexes end with the primary key), so a page reads about a page of entries.
/// </summary>
internal static class OrderKeyset
{
    public static IOrderedQueryable<Order> Sort(IQueryable<Order> orders, OrderSortField field, bool descending) => (field, descending) switch
    {
        (OrderSortField.Number, false) => orders.OrderBy(o => o.Year).ThenBy(o => o.Sequence),
        (OrderSortField.Number, true) => orders.OrderByDescending(o => o.Year).ThenByDescending(o => o.Sequence),
        (OrderSortField.ScheduledStart, false) => orders.OrderBy(o => o.ScheduledStart).ThenBy(o => o.Id),
        (OrderSortField.ScheduledStart, true) => orders.OrderByDescending(o => o.ScheduledStart).ThenByDescending(o => o.Id),
        // Within a status, by creation: the (Status, CreatedAt) index gives this order without sorting a million rows.
        (OrderSortField.Status, false) => orders.OrderBy(o => o.Status).ThenBy(o => o.CreatedAt).ThenBy(o => o.Id),
        (OrderSortField.Status, true) => orders.OrderByDescending(o => o.Status).ThenByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id),
        (OrderSortField.CustomerName, false) => orders.OrderBy(o => o.CustomerName).ThenBy(o => o.Id),
        (OrderSortField.CustomerName, true) => orders.OrderByDescending(o => o.CustomerName).ThenByDescending(o => o.Id),
        (_, false) => orders.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id),
        _ => orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id),
    };

    /// <summary>The rows strictly after <paramref name="c"/> in the order <see cref="Sort"/> gives (nulls first ascending, last descending).</summary>
    public static IQueryable<Order> Beyond(IQueryable<Order> orders, OrderSortField field, bool descending, OrderCursor c)
    {
        var id = c.Id;
        switch (field, descending)
        {
            case (OrderSortField.Number, false):
                return orders.Where(o => o.Year > c.Year || (o.Year == c.Year && o.Sequence > c.Sequence));
            case (OrderSortField.Number, true):
                return orders.Where(o => o.Year < c.Year || (o.Year == c.Year && o.Sequence < c.Sequence));
            case (OrderSortField.ScheduledStart, false) when c.ScheduledStart is { } start:
                return orders.Where(o => o.ScheduledStart > start || (o.ScheduledStart == start && o.Id > id));
            case (OrderSortField.ScheduledStart, false):
                return orders.Where(o => o.ScheduledStart != null || o.Id > id);
            case (OrderSortField.ScheduledStart, true) when c.ScheduledStart is { } start:
                return orders.Where(o => o.ScheduledStart < start || o.ScheduledStart == null || (o.ScheduledStart == start && o.Id < id));
            case (OrderSortField.ScheduledStart, true):
                return orders.Where(o => o.ScheduledStart == null && o.Id < id);
            case (OrderSortField.Status, false):
            {
                var (status, at) = (c.Status, c.CreatedAt);
                return orders.Where(o => o.Status > status || (o.Status == status && (o.CreatedAt > at || (o.CreatedAt == at && o.Id > id))));
            }

            case (OrderSortField.Status, true):
            {
                var (status, at) = (c.Status, c.CreatedAt);
                return orders.Where(o => o.Status < status || (o.Status == status && (o.CreatedAt < at || (o.CreatedAt == at && o.Id < id))));
            }

            case (OrderSortField.CustomerName, false):
            {
                var name = c.CustomerName;
                return orders.Where(o => string.Compare(o.CustomerName, name) > 0 || (o.CustomerName == name && o.Id > id));
            }

            case (OrderSortField.CustomerName, true):
            {
                var name = c.CustomerName;
                return orders.Where(o => string.Compare(o.CustomerName, name) < 0 || (o.CustomerName == name && o.Id < id));
            }

            case (_, false):
            {
                var at = c.CreatedAt;
                return orders.Where(o => o.CreatedAt > at || (o.CreatedAt == at && o.Id > id));
            }

            default:
            {
                var at = c.CreatedAt;
                return orders.Where(o => o.CreatedAt < at || (o.CreatedAt == at && o.Id < id));
            }
        }
    }
}

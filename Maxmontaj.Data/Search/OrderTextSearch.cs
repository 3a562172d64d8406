using Maxmontaj.Core.Common;
using Maxmontaj.Core.Orders;
using Maxmontaj.Data.Providers;
using Microsoft.EntityFrameworkCore;
using Pomelo.EntityFrameworkCore.MySql.Infrastructure;

namespace Maxmontaj.Data.Search;

/// <summary>
/// Full-text search over <c>Orders.SearchText</c> per provider (ADR 0027). MariaDB: the FULLTEXT index
/// <c>FT_Orders_SearchText</c> in boolean mode, each term a required word prefix (<c>+TERM*</c>). SQLite: the FTS5 table
/// <c>OrderSearch</c> (trigram tokenizer, keyed by the Orders rowid and kept by triggers), each term a required substring. Terms shorter than
/// the index holds are matched with LIKE over what the index left (or over all orders when every term is short).
/// </summary>
internal sealed class OrderTextSearch : IOrderTextSearch
{
    public IQueryable<Order> Matching(IMaxmontajDb db, IQueryable<Order> orders, OrderSearchTerms terms)
    {
        if (terms.Indexed.Count > 0)
        {
            if (db is SqliteMaxmontajDbContext sqlite)
            {
                // An FTS5 query of quoted phrases: "ТЕСТОВАЯ" AND "123" (quotes make every character literal).
                var match = string.Join(" AND ", terms.Indexed.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
                var ids = sqlite.Database.SqlQuery<Guid>($"SELECT Id AS Value FROM Orders WHERE rowid IN (SELECT rowid FROM OrderSearch WHERE OrderSearch MATCH {match})");
                orders = orders.Where(o => ids.Contains(o.Id));
            }
            else
            {
                var match = string.Join(' ', terms.Indexed.Select(t => "+" + t + "*"));
                orders = orders.Where(o => EF.Functions.IsMatch(o.SearchText, match, MySqlMatchSearchMode.Boolean));
            }
        }

        foreach (var term in terms.Short)
        {
            orders = orders.Where(o => o.SearchText.Contains(term));
        }

        return orders;
    }
}

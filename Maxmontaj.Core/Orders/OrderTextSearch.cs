using System.Globalization;
using System.Text;
using Maxmontaj.Core.Common;

namespace Maxmontaj.Core.Orders;

/// <summary>
/// Free-text search over <see cref="Order.SearchText"/>: the data layer narrows orders with the provider's full-text index
/// (MariaDB FULLTEXT, SQLite FTS5 trigram) for terms of <see cref="OrderSearchTerms.IndexedLength"/> characters or more, and
/// with LIKE for shorter ones (ADR 0027).
/// </summary>
public interface IOrderTextSearch
{
    /// <summary>The orders whose search text has every term (upper-case, as <see cref="OrderSearchTerms.Parse"/> makes them).</summary>
    IQueryable<Order> Matching(IMaxmontajDb db, IQueryable<Order> orders, OrderSearchTerms terms);
}

/// <summary>The words of a search: those long enough for the full-text index, and the short rest matched by LIKE.</summary>
public sealed record OrderSearchTerms(IReadOnlyList<string> Indexed, IReadOnlyList<string> Short)
{
    /// <summary>The shortest term the full-text indexes hold (InnoDB's innodb_ft_min_token_size, FTS5 trigrams).</summary>
    public const int IndexedLength = 3;

    public bool IsEmpty => Indexed.Count == 0 && Short.Count == 0;

    /// <summary>
    /// Splits <paramref name="text"/> into upper-case words of letters and digits. Text of only digits and phone separators
    /// ("123-45-67", "910 123") is one run of digits, so any part of a phone is found.
    /// </summary>
    public static OrderSearchTerms Parse(string text)
    {
        var upper = text.Trim().ToUpperInvariant();
        var words = new List<string>();
        if (upper.Length > 0 && upper.All(c => char.IsDigit(c) || c is ' ' or '-' or '(' or ')' or '+' or '.'))
        {
            words.Add(new string(upper.Where(char.IsDigit).ToArray()));
        }
        else
        {
            var word = new StringBuilder();
            foreach (var c in upper.Append(' '))
            {
                if (char.IsLetterOrDigit(c))
                {
                    word.Append(c);
                }
                else if (word.Length > 0)
                {
                    words.Add(word.ToString());
                    word.Clear();
                }
            }
        }

        words = words.Where(w => w.Length > 0).Distinct().ToList();
        return new OrderSearchTerms(
            words.Where(w => w.Length >= IndexedLength).ToList(),
            words.Where(w => w.Length < IndexedLength).ToList());
    }

    /// <summary>The phone's digits that a partial phone search matches by word prefix: national number and last seven digits.</summary>
    public static string PhoneWords(string phone)
    {
        var digits = new string(phone.Where(char.IsDigit).ToArray());
        var national = digits.Length == 11 && digits[0] == '7' ? digits[1..] : digits;
        return national.Length > 7 ? string.Create(CultureInfo.InvariantCulture, $"{national} {national[^7..]}") : national;
    }
}

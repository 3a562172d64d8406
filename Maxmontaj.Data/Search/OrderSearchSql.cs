namespace Maxmontaj.Data.Search;

/// <summary>
/// The provider-specific pieces of order search that EF's model cannot express, used by the DataAtScale migrations (ADR 0027).
/// SQLite: an FTS5 table keyed by the Orders rowid and kept by triggers; a later migration that rebuilds Orders on SQLite
/// (EF drops and re-creates the table, and its triggers with it) must run <see cref="SqliteDrop"/> before and
/// <see cref="SqliteCreate"/> after the rebuild. MariaDB: a FULLTEXT index on SearchText.
/// </summary>
public static class OrderSearchSql
{
    /// <summary>Appends the phone's national and local digits to search texts written before they were part of it.</summary>
    public const string SqliteBackfillPhoneWords = """
        UPDATE Orders SET SearchText = SearchText || ' ' || substr(ContactPhone, 3) || ' ' || substr(ContactPhone, -7)
        WHERE ContactPhone LIKE '+7%' AND length(ContactPhone) = 12;
        """;

    public const string SqliteCreate = """
        CREATE VIRTUAL TABLE OrderSearch USING fts5(SearchText, tokenize = 'trigram');
        INSERT INTO OrderSearch (rowid, SearchText) SELECT rowid, SearchText FROM Orders;
        CREATE TRIGGER Orders_Search_Insert AFTER INSERT ON Orders BEGIN
            INSERT INTO OrderSearch (rowid, SearchText) VALUES (NEW.rowid, NEW.SearchText);
        END;
        CREATE TRIGGER Orders_Search_Update AFTER UPDATE OF SearchText ON Orders BEGIN
            UPDATE OrderSearch SET SearchText = NEW.SearchText WHERE rowid = NEW.rowid;
        END;
        CREATE TRIGGER Orders_Search_Delete AFTER DELETE ON Orders BEGIN
            DELETE FROM OrderSearch WHERE rowid = OLD.rowid;
        END;
        """;

    public const string SqliteDrop = """
        DROP TRIGGER IF EXISTS Orders_Search_Insert;
        DROP TRIGGER IF EXISTS Orders_Search_Update;
        DROP TRIGGER IF EXISTS Orders_Search_Delete;
        DROP TABLE IF EXISTS OrderSearch;
        """;

    public const string MariaDbBackfillPhoneWords = """
        UPDATE Orders SET SearchText = CONCAT(SearchText, ' ', SUBSTRING(ContactPhone, 3), ' ', RIGHT(ContactPhone, 7))
        WHERE ContactPhone LIKE '+7%' AND CHAR_LENGTH(ContactPhone) = 12;
        """;

    public const string MariaDbCreate = "CREATE FULLTEXT INDEX FT_Orders_SearchText ON Orders (SearchText);";

    public const string MariaDbDrop = "DROP INDEX FT_Orders_SearchText ON Orders;";
}

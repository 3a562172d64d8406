namespace Maxmontaj.Core.Customers;

/// <summary>A private link to one order's status page. Only the SHA-256 of its token is stored.</summary>
public class StatusLink
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    public string TokenHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>An order's status link as the dispatcher sees it: <see cref="Url"/> only when it was made just now, since only its hash is kept.</summary>
public sealed record StatusLinkView(string? Url, DateTimeOffset IssuedAt, bool Expired = false);

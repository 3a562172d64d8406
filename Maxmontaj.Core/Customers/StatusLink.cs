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

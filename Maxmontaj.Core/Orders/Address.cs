namespace Maxmontaj.Core.Orders;

/// <summary>Where the work is: the text people read and, when known, coordinates for a map link.</summary>
public sealed class Address
{
    public string Text { get; set; } = "";
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
}

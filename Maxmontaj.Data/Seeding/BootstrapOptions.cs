namespace Maxmontaj.Data.Seeding;

/// <summary>The "Bootstrap" section: the first admin, created when no admin exists.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
    public string AdminName { get; set; } = "Администратор";
}

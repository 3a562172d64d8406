namespace Maxmontaj.Tests.Support;

/// <summary>The app as `dotnet run` starts it on a developer's machine: Development, with the README's demo accounts.</summary>
public sealed class DemoAppFactory : MaxmontajAppFactory
{
    protected override string Environment => "Development";

    protected override IReadOnlyDictionary<string, string?> Overrides { get; } = new Dictionary<string, string?>
    {
        // The bootstrap admin comes from appsettings.Development.json, as the README says.
        ["Bootstrap:AdminEmail"] = null,
        ["Bootstrap:AdminPassword"] = null,
    };
}

/// <summary>The app in Production, with demo seeding asked for in configuration (it must still not run).</summary>
public sealed class ProductionAppFactory : MaxmontajAppFactory
{
    protected override string Environment => "Production";

    protected override IReadOnlyDictionary<string, string?> Overrides { get; } = new Dictionary<string, string?>
    {
        ["Seeding:DemoData"] = "true",
    };
}

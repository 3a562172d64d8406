namespace Maxmontaj.Core.Users;

/// <summary>The five roles of Maxmontaj.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Dispatcher = "Dispatcher";
    public const string Specialist = "Specialist";
    public const string Executor = "Executor";
    public const string Customer = "Customer";

    /// <summary>Every role, in the order the UI lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Admin, Dispatcher, Specialist, Executor, Customer];

    /// <summary>Roles whose people go out to jobs and so have skills.</summary>
    public static IReadOnlyList<string> FieldStaff { get; } = [Specialist, Executor];
}

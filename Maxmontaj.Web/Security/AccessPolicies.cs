using Maxmontaj.Core.Users;
using Microsoft.AspNetCore.Authorization;

namespace Maxmontaj.Web.Security;

/// <summary>
/// The one authorization table: every page declares one of these policies (or [AllowAnonymous]),
/// and the navigation and the page-by-role test read the same table.
/// </summary>
public static class AccessPolicies
{
    public const string AdminArea = nameof(AdminArea);
    public const string DispatcherArea = nameof(DispatcherArea);
    public const string SpecialistArea = nameof(SpecialistArea);
    public const string ExecutorArea = nameof(ExecutorArea);
    public const string CustomerArea = nameof(CustomerArea);
    public const string SignedIn = nameof(SignedIn);

    /// <summary>The second-factor page: any signed-in account, including an admin who must enrol before anything else.</summary>
    public const string TwoFactorEnrolment = nameof(TwoFactorEnrolment);

    /// <summary>The order page: the office and field staff; services show field staff only the orders they are on.</summary>
    public const string OrderArea = nameof(OrderArea);

    /// <summary>The audit log: admins only, whoever else the admin area may admit one day.</summary>
    public const string AuditLog = nameof(AuditLog);

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Table { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [AdminArea] = [Roles.Admin],
        [DispatcherArea] = [Roles.Admin, Roles.Dispatcher],
        [SpecialistArea] = [Roles.Specialist],
        [ExecutorArea] = [Roles.Executor],
        [CustomerArea] = [Roles.Customer],
        [SignedIn] = Roles.All,
        [TwoFactorEnrolment] = Roles.All,
        [OrderArea] = [Roles.Admin, Roles.Dispatcher, Roles.Specialist, Roles.Executor],
        [AuditLog] = [Roles.Admin],
    };

    public static void AddPolicies(AuthorizationOptions options)
    {
        foreach (var (name, roles) in Table)
        {
            // Every page but enrolment itself also needs an admin's second factor.
            options.AddPolicy(name, policy => (name == TwoFactorEnrolment ? policy : policy.AddRequirements(new TwoFactorEnrolledRequirement()))
                .RequireAuthenticatedUser().RequireRole(roles));
        }
    }

    /// <summary>Where a signed-in user lands: the home page of their most senior role.</summary>
    public static string HomeOf(Func<string, bool> isInRole) =>
        isInRole(Roles.Admin) ? "/admin"
        : isInRole(Roles.Dispatcher) ? "/dispatcher"
        : isInRole(Roles.Specialist) ? "/specialist/orders"
        : isInRole(Roles.Executor) ? "/executor/orders"
        : isInRole(Roles.Customer) ? "/customer"
        : "/account/access-denied";
}

using Maxmontaj.Core.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Core;

/// <summary>Core's registration entry point.</summary>
public static class DependencyInjection
{
    /// <summary>Registers Core's use-case services. The host supplies ICurrentUser, IMaxmontajDbFactory and TimeProvider.</summary>
    public static IServiceCollection AddMaxmontajCore(this IServiceCollection services)
    {
        services.AddScoped<UserDirectory>();
        services.AddScoped<UserAdministrationService>();
        services.AddScoped<SignInLookup>();
        services.AddScoped<ProfileService>();
        return services;
    }
}

using Maxmontaj.Core.Common;

namespace Maxmontaj.Web.Links;

public static class PublicLinksSetup
{
    /// <summary>
    /// Binds and checks <c>App:PublicBaseUrl</c> at start-up: required outside Development (where it defaults to the
    /// address `dotnet run` listens on), and an absolute http(s) address everywhere.
    /// </summary>
    public static IServiceCollection AddPublicLinks(this IServiceCollection services)
    {
        services.AddOptions<PublicAddressOptions>()
            .BindConfiguration(PublicAddressOptions.Section)
            .Configure<IHostEnvironment>((o, environment) =>
            {
                if (string.IsNullOrWhiteSpace(o.PublicBaseUrl) && environment.IsDevelopment())
                {
                    o.PublicBaseUrl = PublicAddressOptions.DevelopmentDefault;
                }
            })
            .Validate(o => !string.IsNullOrWhiteSpace(o.PublicBaseUrl),
                $"{PublicAddressOptions.Setting} is required outside Development: the absolute address people open the app at " +
                "(for example https://crm.example.ru); links in invitations, messages and QR codes are built from it.")
            .Validate(o => string.IsNullOrWhiteSpace(o.PublicBaseUrl) || PublicAddressOptions.IsValid(o.PublicBaseUrl),
                $"{PublicAddressOptions.Setting} must be an absolute http or https address without query or fragment " +
                "(for example https://crm.example.ru).")
            .ValidateOnStart();
        services.AddSingleton<IPublicLinks, PublicLinks>();
        services.AddSingleton<Core.Notifications.INotificationSecrets, DataProtectedNotificationSecrets>();
        return services;
    }
}

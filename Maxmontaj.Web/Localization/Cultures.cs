using Microsoft.AspNetCore.Localization;

namespace Maxmontaj.Web.Localization;

public static class Cultures
{
    public const string Russian = "ru-RU";
    public const string English = "en-US";
    public static IReadOnlyList<string> Supported { get; } = [Russian, English];

    /// <summary>Russian unless the user picked English (culture cookie); the browser's language is ignored on purpose.</summary>
    public static IServiceCollection AddMaxmontajLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(Russian).AddSupportedCultures([.. Supported]).AddSupportedUICultures([.. Supported]);
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        return services;
    }
}

namespace Maxmontaj.Web.Links;

/// <summary>The address people outside the office open the app at (behind Apache in production): <c>App:PublicBaseUrl</c>.</summary>
public sealed class PublicAddressOptions
{
    public const string Section = "App";
    public const string Setting = "App:PublicBaseUrl";

    /// <summary>`dotnet run` on a developer's machine (launchSettings.json).</summary>
    public const string DevelopmentDefault = "http://localhost:5080";

    /// <summary>An absolute http(s) address, optionally with a path (https://example.ru/maxmontaj), without query or fragment.</summary>
    public string? PublicBaseUrl { get; set; }

    public static bool IsValid(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0 && uri.UserInfo.Length == 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0;
}

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Maxmontaj.Core.Users;
using Maxmontaj.Web.Localization;
using Maxmontaj.Web.Security;

namespace Maxmontaj.Web.Endpoints;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST with an antiforgery token, so no link or image can sign a user out.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async (SignInManager<ApplicationUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/account/login");
        });
        return endpoints;
    }

    /// <summary>Stores the chosen UI language in the culture cookie and goes back to the page.</summary>
    public static IEndpointRouteBuilder MapCultureEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture/set", (string culture, string? redirectUri, HttpContext context) =>
        {
            if (!Cultures.Supported.Contains(culture))
            {
                return Results.Problem(statusCode: 400, title: "Unsupported culture");
            }

            if (!string.IsNullOrEmpty(redirectUri) && !LocalRedirect.IsSafe(redirectUri))
            {
                return Results.Problem(statusCode: 400, title: "Unsafe redirect address");
            }

            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            return Results.LocalRedirect(string.IsNullOrEmpty(redirectUri) ? "~/" : redirectUri);
        }).AllowAnonymous();
        return endpoints;
    }
}

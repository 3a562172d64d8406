using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Maxmontaj.Web.Localization;
using Maxmontaj.Web.Security;

namespace Maxmontaj.Web.Endpoints;

public static class AccountEndpoints
{
    /// <summary>
    /// Sign-out is a POST with an antiforgery token, so no link, image or other site can sign a user out. It ends the
    /// user's sessions (see <see cref="SessionSignOut"/>); "sign out everywhere" from the profile does the same, said aloud.
    /// </summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout",
            (HttpContext context, IAntiforgery antiforgery, SessionSignOut sessions, IStringLocalizer<SharedResource> L) =>
                SignOutAsync(context, antiforgery, sessions, L, everywhere: false));
        endpoints.MapPost("/account/logout-everywhere",
            (HttpContext context, IAntiforgery antiforgery, SessionSignOut sessions, IStringLocalizer<SharedResource> L) =>
                SignOutAsync(context, antiforgery, sessions, L, everywhere: true));
        return endpoints;
    }

    private static async Task<IResult> SignOutAsync(
        HttpContext context, IAntiforgery antiforgery, SessionSignOut sessions, IStringLocalizer<SharedResource> L, bool everywhere)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: L["Error.Request.Antiforgery"]);
        }

        await sessions.SignOutAsync(context, everywhere);
        return Results.LocalRedirect("~/account/login");
    }

    /// <summary>Stores the chosen UI language in the culture cookie and goes back to the page: a form POST with an antiforgery token.</summary>
    public static IEndpointRouteBuilder MapCultureEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/culture/set", async (HttpContext context, IAntiforgery antiforgery, IStringLocalizer<SharedResource> L) =>
        {
            if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: L["Error.Request.Antiforgery"]);
            }

            var form = await context.Request.ReadFormAsync();
            var culture = form["culture"].ToString();
            var redirectUri = form["redirectUri"].ToString();
            if (!Cultures.Supported.Contains(culture))
            {
                return Results.Problem(statusCode: 400, title: L["Error.Request.UnsupportedCulture"]);
            }

            if (!string.IsNullOrEmpty(redirectUri) && !LocalRedirect.IsSafe(redirectUri))
            {
                return Results.Problem(statusCode: 400, title: L["Error.Request.UnsafeRedirect"]);
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

using Microsoft.Extensions.Localization;

namespace Maxmontaj.Web.Security;

/// <summary>
/// Refuses with 400 any request whose <c>returnUrl</c> is not a path on this site, before a page runs: the sign-in form
/// neither redirects off-site nor fails writing the Location header after a successful sign-in.
/// </summary>
internal sealed class ReturnUrlGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, IStringLocalizer<SharedResource> L)
    {
        foreach (var url in context.Request.Query["returnUrl"])
        {
            if (!string.IsNullOrEmpty(url) && !LocalRedirect.IsSafe(url))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: L["Error.Request.UnsafeReturnUrl"]).ExecuteAsync(context);
            }
        }

        return next(context);
    }
}

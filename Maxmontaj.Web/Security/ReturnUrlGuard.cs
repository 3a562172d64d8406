namespace Maxmontaj.Web.Security;

/// <summary>
/// Refuses with 400 any request whose <c>returnUrl</c> is not a path on this site, before a page runs: the sign-in form
/// neither redirects off-site nor fails writing the Location header after a successful sign-in.
/// </summary>
internal sealed class ReturnUrlGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        foreach (var url in context.Request.Query["returnUrl"])
        {
            if (!string.IsNullOrEmpty(url) && !LocalRedirect.IsSafe(url))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unsafe return address").ExecuteAsync(context);
            }
        }

        return next(context);
    }
}

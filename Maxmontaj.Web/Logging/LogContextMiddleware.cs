using System.Security.Claims;
using Serilog.Context;

namespace Maxmontaj.Web;

/// <summary>Adds the signed-in user's id to every log event of a request.</summary>
internal sealed class LogContextMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        using (LogContext.PushProperty("UserId", context.User.FindFirstValue(ClaimTypes.NameIdentifier)))
        {
            await next(context);
        }
    }
}

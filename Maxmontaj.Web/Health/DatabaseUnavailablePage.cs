using Maxmontaj.Data.Providers;

namespace Maxmontaj.Web.Health;

/// <summary>
/// When a request fails because the database cannot be reached (<see cref="DatabaseUnavailable"/>), answers 503 with the
/// static bilingual page <c>wwwroot/errors/503.html</c> (read once, served from memory) and Retry-After, instead of the
/// error page, which needs the database itself through sign-in and the layout. Inside the exception handler, so every page,
/// form post (sign-in) and the re-executed error page get it. ADR 0022.
/// </summary>
public sealed class DatabaseUnavailablePage(RequestDelegate next, IWebHostEnvironment environment, ILogger<DatabaseUnavailablePage> logger)
{
    public const string PagePath = "errors/503.html";

    private const string Fallback = "<!DOCTYPE html><html lang=\"ru\"><meta charset=\"utf-8\"><title>Сервис временно недоступен</title>"
        + "<h1>Сервис временно недоступен</h1><p>База данных не отвечает. Обновите страницу через минуту.</p>"
        + "<p lang=\"en\">The service is temporarily unavailable. Please reload in a minute.</p></html>";

    private readonly Lazy<byte[]> _page = new(() => Load(environment));

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (DatabaseUnavailable.Is(exception) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning("The database is unavailable; {Method} {Path} answered 503: {Reason}",
                context.Request.Method, context.Request.Path, exception.GetBaseException().Message);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.RetryAfter = "30";
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.Body.WriteAsync(_page.Value, context.RequestAborted);
        }
    }

    private static byte[] Load(IWebHostEnvironment environment)
    {
        var file = environment.WebRootFileProvider.GetFileInfo(PagePath);
        if (!file.Exists)
        {
            return System.Text.Encoding.UTF8.GetBytes(Fallback);
        }

        using var stream = file.CreateReadStream();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

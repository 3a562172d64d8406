using Maxmontaj.Core.Chat;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Reports;
using Maxmontaj.Web.Security;

namespace Maxmontaj.Web.Endpoints;

/// <summary>Serves report and chat photos only to people who may see their order (customers: their own thread's chat photos); everyone else gets 404, and the attempt is logged.</summary>
public static class PhotoEndpoints
{
    public static IEndpointRouteBuilder MapPhotoEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/photos").RequireAuthorization(AccessPolicies.OrderArea);
        // Chat photos are also the customer's (their request photos, the office's replies in their thread): any signed-in
        // person may ask, and ChatService serves a customer only their own orders' customer thread.
        var chatPhotos = endpoints.MapGroup("/photos").RequireAuthorization(AccessPolicies.SignedIn);
        group.MapGet("/report/{id:guid}", (Guid id, ReportService reports, ICurrentUser user, ILogger<ReportService> logger, HttpContext context, CancellationToken ct) =>
            ServeAsync(() => reports.OpenPhotoAsync(id, ct), () => logger.LogWarning("User {UserId} asked for report photo {PhotoId} they may not see", user.UserId, id), context, $"photo-{id:N}"));
        chatPhotos.MapGet("/chat/{id:long}", (long id, ChatService chat, ICurrentUser user, ILogger<ChatService> logger, HttpContext context, CancellationToken ct) =>
            ServeAsync(() => chat.OpenPhotoAsync(id, ct), () => logger.LogWarning("User {UserId} asked for chat photo {MessageId} they may not see", user.UserId, id), context, $"chat-photo-{id}"));
        return endpoints;
    }

    private static async Task<IResult> ServeAsync(Func<Task<(Stream Content, string ContentType)>> open, Action logRefusal, HttpContext context, string name)
    {
        try
        {
            var (content, type) = await open();
            // Opened on its own, a photo is an image in a sandbox: no script, no sniffing it into HTML, shown rather than saved.
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";
            headers.XContentTypeOptions = "nosniff";
            headers.ContentDisposition = $"inline; filename={name}{Extension(type)}";
            return Results.Stream(content, type, enableRangeProcessing: false);
        }
        catch (NotFoundException)
        {
            logRefusal();
            return Results.NotFound();
        }
    }

    private static string Extension(string contentType) => contentType switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "image/webp" => ".webp",
        "image/heic" => ".heic",
        _ => "",
    };
}

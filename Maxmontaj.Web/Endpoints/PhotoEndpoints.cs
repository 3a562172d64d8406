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
        group.MapGet("/report/{id:guid}", (Guid id, ReportService reports, ICurrentUser user, ILogger<ReportService> logger, CancellationToken ct) =>
            ServeAsync(() => reports.OpenPhotoAsync(id, ct), () => logger.LogWarning("User {UserId} asked for report photo {PhotoId} they may not see", user.UserId, id)));
        chatPhotos.MapGet("/chat/{id:long}", (long id, ChatService chat, ICurrentUser user, ILogger<ChatService> logger, CancellationToken ct) =>
            ServeAsync(() => chat.OpenPhotoAsync(id, ct), () => logger.LogWarning("User {UserId} asked for chat photo {MessageId} they may not see", user.UserId, id)));
        return endpoints;
    }

    private static async Task<IResult> ServeAsync(Func<Task<(Stream Content, string ContentType)>> open, Action logRefusal)
    {
        try
        {
            var (content, type) = await open();
            return Results.Stream(content, type, enableRangeProcessing: false);
        }
        catch (NotFoundException)
        {
            logRefusal();
            return Results.NotFound();
        }
    }
}

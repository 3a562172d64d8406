using Maxmontaj.Core.Common;

namespace Maxmontaj.Core.Reports;

/// <summary>A photo as it is stored: pixels re-encoded, nothing else of the upload kept.</summary>
public sealed record SanitizedImage(byte[] Content, string ContentType, string Extension);

/// <summary>
/// Makes an uploaded photo only an image: decodes it and encodes the pixels again in the same format, so whatever rode along
/// (HTML or script in comments or after the end marker, EXIF with GPS, thumbnails) is gone. Refuses what does not decode, or
/// what would decode to more than <see cref="MaxPixels"/> (checked from the header, before decoding). Implemented in Web.
/// </summary>
public interface IImageSanitizer
{
    public const long MaxPixels = 50_000_000;
    public const string TooManyPixels = "Photo.TooManyPixels";

    /// <summary>Re-encodes a file <see cref="PhotoInspector"/> accepted (<paramref name="check"/> is its verdict).</summary>
    Result<SanitizedImage> Sanitize(byte[] content, PhotoCheck check);
}

internal static class ImageSanitizerExtensions
{
    /// <summary>Re-encodes an inspected photo; a refusal becomes an error on <paramref name="field"/>.</summary>
    internal static Result<SanitizedImage> Sanitize(this IImageSanitizer sanitizer, byte[] content, PhotoCheck check, string field)
    {
        var clean = sanitizer.Sanitize(content, check);
        return clean.Succeeded ? clean : Result<SanitizedImage>.Failure(new Error(clean.Errors[0].Code, field));
    }
}

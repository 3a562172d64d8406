using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Features;

namespace Maxmontaj.Web.Integrations;

/// <summary>
/// Reading a webhook's body without letting a stranger fill memory: the caller checks the signature header's shape first (no
/// body read for a missing or malformed header), then the body is read in chunks up to <see cref="MaxBytes"/> (413 past that,
/// whether Content-Length said so or the body is chunked), each chunk fed to an incremental HMAC as it arrives.
/// </summary>
public static class WebhookBody
{
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The endpoint metadata that makes Kestrel refuse a larger body itself.</summary>
    public static readonly Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata SizeLimit = new Limit();

    private sealed class Limit : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => MaxBytes;
    }

    public sealed record Read(byte[]? Body, byte[]? Hash, bool TooLarge);

    /// <summary>Reads at most <see cref="MaxBytes"/>; with <paramref name="hmacKey"/> also returns the body's HMAC-SHA256.</summary>
    public static async Task<Read> ReadAsync(HttpRequest request, byte[]? hmacKey, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit
            && (limit.MaxRequestBodySize is null || limit.MaxRequestBodySize > MaxBytes))
        {
            limit.MaxRequestBodySize = MaxBytes;
        }

        if (request.ContentLength > MaxBytes)
        {
            return new(null, null, true);
        }

        using var hmac = hmacKey is null ? null : IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, hmacKey);
        var body = new byte[Math.Min(MaxBytes, request.ContentLength is { } length and > 0 ? (int)length : 16 * 1024)];
        var total = 0;
        try
        {
            while (true)
            {
                if (total == body.Length)
                {
                    if (body.Length == MaxBytes)
                    {
                        // Full: one more byte means too large.
                        var probe = new byte[1];
                        if (await request.Body.ReadAsync(probe, cancellationToken) > 0)
                        {
                            return new(null, null, true);
                        }

                        break;
                    }

                    Array.Resize(ref body, Math.Min(MaxBytes, body.Length * 2));
                }

                var read = await request.Body.ReadAsync(body.AsMemory(total), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                hmac?.AppendData(body, total, read);
                total += read;
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new(null, null, true);
        }

        return new(body[..total], hmac?.GetHashAndReset(), false);
    }

    public static IResult TooLarge() => Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
}

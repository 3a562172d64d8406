using Maxmontaj.Core.Common;
using Maxmontaj.Core.Reports;
using SkiaSharp;

namespace Maxmontaj.Web.Storage;

/// <summary>
/// <see cref="IImageSanitizer"/> with SkiaSharp: the codec reads the header (dimensions refused above the pixel cap before any
/// pixel is decoded), the pixels are decoded, turned upright by the EXIF orientation, and encoded again (JPEG and WebP at
/// quality 90, PNG lossless). The encoder writes no metadata, so EXIF (GPS included), comments and trailing data are dropped.
/// </summary>
public sealed class SkiaImageSanitizer : IImageSanitizer
{
    private const int Quality = 90;

    public Result<SanitizedImage> Sanitize(byte[] content, PhotoCheck check)
    {
        var format = check.ContentType switch
        {
            "image/jpeg" => SKEncodedImageFormat.Jpeg,
            "image/png" => SKEncodedImageFormat.Png,
            "image/webp" => SKEncodedImageFormat.Webp,
            _ => (SKEncodedImageFormat?)null,
        };
        if (format is null || !check.IsValid)
        {
            return Refuse(PhotoInspector.NotAnImage);
        }

        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            return Refuse(PhotoInspector.NotAnImage);
        }

        if ((long)codec.Info.Width * codec.Info.Height > IImageSanitizer.MaxPixels)
        {
            return Refuse(IImageSanitizer.TooManyPixels);
        }

        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888,
            codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul);
        using var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result != SKCodecResult.Success)
        {
            return Refuse(result == SKCodecResult.IncompleteInput ? PhotoInspector.Truncated : PhotoInspector.NotAnImage);
        }

        // Immutable, an image shares the bitmap's pixels instead of copying them (another 200 MB at the 50 MP cap); the image
        // is disposed before the bitmaps it reads.
        decoded.SetImmutable();
        using var upright = Upright(decoded, codec.EncodedOrigin);
        using var image = SKImage.FromBitmap(upright ?? decoded);
        using var encoded = image.Encode(format.Value, Quality);
        if (encoded is null)
        {
            return Refuse(PhotoInspector.NotAnImage);
        }

        return new SanitizedImage(encoded.ToArray(), check.ContentType!, check.Extension!);
    }

    /// <summary>The picture turned as the camera meant it, or null when it already is (mirrored origins are left as they are).</summary>
    private static SKBitmap? Upright(SKBitmap source, SKEncodedOrigin origin)
    {
        var (width, height) = origin is SKEncodedOrigin.RightTop or SKEncodedOrigin.LeftBottom
            ? (source.Height, source.Width) : (source.Width, source.Height);
        if (origin is not (SKEncodedOrigin.BottomRight or SKEncodedOrigin.RightTop or SKEncodedOrigin.LeftBottom))
        {
            return null;
        }

        var turned = new SKBitmap(new SKImageInfo(width, height, source.ColorType, source.AlphaType));
        using (var canvas = new SKCanvas(turned))
        {
            switch (origin)
            {
                case SKEncodedOrigin.BottomRight:
                    canvas.RotateDegrees(180, width / 2f, height / 2f);
                    break;
                case SKEncodedOrigin.RightTop:
                    canvas.Translate(width, 0);
                    canvas.RotateDegrees(90);
                    break;
                case SKEncodedOrigin.LeftBottom:
                    canvas.Translate(0, height);
                    canvas.RotateDegrees(270);
                    break;
            }

            canvas.DrawBitmap(source, 0, 0);
        }

        // Drawn: from here on only read, so the image made from it shares its pixels.
        turned.SetImmutable();
        return turned;
    }

    private static Result<SanitizedImage> Refuse(string code) => Result<SanitizedImage>.Failure(new Error(code, "Photos"));
}

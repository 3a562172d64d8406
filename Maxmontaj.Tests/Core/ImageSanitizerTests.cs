using System.Buffers.Binary;
using Maxmontaj.Core.Reports;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Storage;
using SkiaSharp;

namespace Maxmontaj.Tests.Core;

public sealed class ImageSanitizerTests
{
    private static readonly SkiaImageSanitizer Sanitizer = new();

    private static SanitizedImage Clean(byte[] file)
    {
        var result = Sanitizer.Sanitize(file, PhotoInspector.Inspect(file));
        Assert.True(result.Succeeded, string.Join(",", result.Errors.Select(e => e.Code)));
        return result.Value!;
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg")]
    [InlineData(SKEncodedImageFormat.Png, "image/png")]
    [InlineData(SKEncodedImageFormat.Webp, "image/webp")]
    public void Each_format_is_re_encoded_in_itself(SKEncodedImageFormat format, string type)
    {
        var clean = Clean(TestImages.Encode(format, 20, 10));

        Assert.Equal(type, clean.ContentType);
        using var codec = SKCodec.Create(new MemoryStream(clean.Content));
        Assert.Equal(format, codec.EncodedFormat);
        Assert.Equal((20, 10), (codec.Info.Width, codec.Info.Height));
    }

    [Fact]
    public void Html_appended_after_the_end_marker_and_in_comments_is_gone()
    {
        var clean = Clean(TestImages.PolyglotJpeg("<script>alert(1)</script>"));

        var text = System.Text.Encoding.Latin1.GetString(clean.Content);
        Assert.DoesNotContain("<script", text);
        Assert.DoesNotContain("GPSLatitude", text);
        Assert.DoesNotContain("Exif", text);
    }

    [Fact]
    public void A_file_that_does_not_decode_is_refused()
    {
        var fake = TestImages.CameraJpeg();

        var result = Sanitizer.Sanitize(fake, PhotoInspector.Inspect(fake));

        Assert.Equal(PhotoInspector.NotAnImage, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void More_than_50_megapixels_is_refused_from_the_header()
    {
        // A real 8×8 PNG whose header claims 10000×10000: refused before any pixel is decoded.
        var png = TestImages.Png();
        var ihdr = png.AsSpan(16, 8);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, 10_000);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr[4..], 10_000);
        var crc = TestImages.Crc32(png[12..29]);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29, 4), crc);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var result = Sanitizer.Sanitize(png, PhotoInspector.Inspect(png));

        Assert.Equal(Maxmontaj.Core.Reports.IImageSanitizer.TooManyPixels, Assert.Single(result.Errors).Code);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024 * 1024);
    }

    [Fact]
    public void The_exif_orientation_is_applied_before_the_metadata_is_dropped()
    {
        // An EXIF segment saying "rotate 90° clockwise to view" (orientation 6) on a 20×10 picture.
        var jpeg = TestImages.Encode(SKEncodedImageFormat.Jpeg, 20, 10);
        byte[] tiff = [(byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0];
        byte[] exif = [.. "Exif"u8, 0, 0, .. tiff];
        byte[] app1 = [0xFF, 0xE1, (byte)((exif.Length + 2) >> 8), (byte)(exif.Length + 2), .. exif];
        byte[] turned = [0xFF, 0xD8, .. app1, .. jpeg[2..]];

        var clean = Clean(turned);

        using var codec = SKCodec.Create(new MemoryStream(clean.Content));
        Assert.Equal((10, 20), (codec.Info.Width, codec.Info.Height));
        Assert.Equal(SKEncodedOrigin.TopLeft, codec.EncodedOrigin);
    }
}

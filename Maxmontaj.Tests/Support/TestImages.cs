using System.Buffers.Binary;
using SkiaSharp;

namespace Maxmontaj.Tests.Support;

/// <summary>Small image files built byte by byte, so tests check real signatures and structure without shipping binaries.</summary>
public static class TestImages
{
    /// <summary>A real 8×8 JPEG (encoded by SkiaSharp, so it decodes), followed by <paramref name="trailing"/> bytes of padding.</summary>
    public static byte[] Jpeg(int trailing = 0) => [.. Encode(SKEncodedImageFormat.Jpeg), .. new byte[trailing]];

    /// <summary>A real image of <paramref name="width"/>×<paramref name="height"/> in <paramref name="format"/>: a gradient, so encoders keep some data.</summary>
    public static byte[] Encode(SKEncodedImageFormat format, int width = 8, int height = 8)
    {
        using var bitmap = new SKBitmap(width, height);
        for (var x = 0; x < width; x++)
        {
            for (var y = 0; y < height; y++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 255 / width), (byte)(y * 255 / height), 128));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>
    /// A polyglot: a real JPEG carrying <paramref name="payload"/> in a comment segment, in an EXIF segment next to GPS tags' names,
    /// and again after its end marker (which <c>PhotoInspector</c> allows, as motion photos need it).
    /// </summary>
    public static byte[] PolyglotJpeg(string payload)
    {
        var jpeg = Encode(SKEncodedImageFormat.Jpeg);
        var text = System.Text.Encoding.ASCII.GetBytes(payload);
        byte[] comment = [0xFF, 0xFE, (byte)((text.Length + 2) >> 8), (byte)(text.Length + 2), .. text];
        byte[] exif = [.. "Exif"u8, 0, 0, .. "GPSLatitude 55.7558 GPSLongitude 37.6173 "u8, .. text];
        byte[] app1 = [0xFF, 0xE1, (byte)((exif.Length + 2) >> 8), (byte)(exif.Length + 2), .. exif];
        return [0xFF, 0xD8, .. app1, .. comment, .. jpeg[2..], .. text];
    }

    /// <summary>A polyglot PNG: a real PNG with <paramref name="payload"/> in a tEXt chunk before IEND.</summary>
    public static byte[] PolyglotPng(string payload)
    {
        var png = Encode(SKEncodedImageFormat.Png);
        using var stream = new MemoryStream();
        stream.Write(png.AsSpan(0, png.Length - 12));
        Chunk(stream, "tEXt", [.. "Comment"u8, 0, .. System.Text.Encoding.ASCII.GetBytes(payload)]);
        stream.Write(png.AsSpan(png.Length - 12));
        return stream.ToArray();
    }

    /// <summary>
    /// A camera-like JPEG: SOI, an EXIF APP1 segment holding a thumbnail JPEG (with its own end marker), a scan header, entropy
    /// data with a stuffed 0xFF00 and a restart marker, and the end marker unless <paramref name="complete"/> is false.
    /// </summary>
    public static byte[] CameraJpeg(bool complete = true)
    {
        byte[] thumbnail = Jpeg();
        byte[] exif = [.. "Exif"u8, 0, 0, .. thumbnail];
        byte[] app1 = [0xFF, 0xE1, (byte)((exif.Length + 2) >> 8), (byte)(exif.Length + 2), .. exif];
        byte[] scan = [0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0x78];
        return [0xFF, 0xD8, .. app1, .. scan, .. complete ? new byte[] { 0xFF, 0xD9 } : []];
    }

    /// <summary>A phone's motion photo: a complete JPEG followed by a short MP4 (ftyp and mdat boxes).</summary>
    public static byte[] MotionPhoto()
    {
        byte[] ftyp = [0, 0, 0, 16, .. "ftyp"u8, .. "isom"u8, 0, 0, 2, 0];
        byte[] mdat = [0, 0, 0, 16, .. "mdat"u8, 0xFF, 0xD8, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05];
        return [.. CameraJpeg(), .. ftyp, .. mdat];
    }

    /// <summary>A real 8×8 PNG (encoded by SkiaSharp).</summary>
    public static byte[] Png() => Encode(SKEncodedImageFormat.Png);

    /// <summary>A real 8×8 WebP (encoded by SkiaSharp).</summary>
    public static byte[] WebP() => Encode(SKEncodedImageFormat.Webp);

    /// <summary>An ISO-BMFF file with an ftyp box of brand heic and a meta box.</summary>
    public static byte[] Heic()
    {
        byte[] ftyp = [0, 0, 0, 24, .. "ftyp"u8, .. "heic"u8, 0, 0, 0, 0, .. "mif1"u8, .. "heic"u8];
        byte[] meta = [0, 0, 0, 12, .. "meta"u8, 0, 0, 0, 0];
        return [.. ftyp, .. meta];
    }

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        stream.Write(length);
        byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        stream.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(length, Crc32(typed));
        stream.Write(length);
    }

    internal static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}

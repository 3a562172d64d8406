using System.Buffers.Binary;
using System.IO.Compression;

namespace Maxmontaj.Tests.Support;

/// <summary>Small image files built byte by byte, so tests check real signatures and structure without shipping binaries.</summary>
public static class TestImages
{
    /// <summary>A JPEG-structured file: SOI, a JFIF APP0 segment, padding of <paramref name="size"/> bytes, EOI.</summary>
    public static byte[] Jpeg(int size = 64)
    {
        byte[] head = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
        return [.. head, .. new byte[size], 0xFF, 0xD9];
    }

    /// <summary>
    /// A camera-like JPEG: SOI, an EXIF APP1 segment holding a thumbnail JPEG (with its own end marker), a scan header, entropy
    /// data with a stuffed 0xFF00 and a restart marker, and the end marker unless <paramref name="complete"/> is false.
    /// </summary>
    public static byte[] CameraJpeg(bool complete = true)
    {
        byte[] thumbnail = Jpeg(8);
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

    /// <summary>A real 1×1 PNG: signature, IHDR, IDAT (zlib), IEND, with correct CRCs.</summary>
    public static byte[] Png()
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(stream, "IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
        using (var raw = new MemoryStream())
        {
            using (var zlib = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write([0, 0x21, 0x96, 0xF3]);
            }

            Chunk(stream, "IDAT", raw.ToArray());
        }

        Chunk(stream, "IEND", []);
        return stream.ToArray();
    }

    /// <summary>A RIFF/WEBP container whose declared size matches the file.</summary>
    public static byte[] WebP()
    {
        byte[] body = [.. "WEBP"u8, .. "VP8L"u8, 5, 0, 0, 0, 0x2F, 0, 0, 0, 0, 0];
        var file = new byte[8 + body.Length];
        "RIFF"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), (uint)body.Length);
        body.CopyTo(file, 8);
        return file;
    }

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

    private static uint Crc32(byte[] bytes)
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

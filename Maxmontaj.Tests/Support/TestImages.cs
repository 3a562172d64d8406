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

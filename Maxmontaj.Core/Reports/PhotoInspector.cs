using System.Buffers.Binary;

namespace Maxmontaj.Core.Reports;

/// <summary>The verdict on an uploaded file: its real image type, or why it is refused.</summary>
public sealed record PhotoCheck(bool IsValid, string? ContentType, string? Extension, string? ErrorCode);

/// <summary>
/// Decides what a file is from its bytes, never from its name or the browser's word: JPEG, PNG, WebP or HEIC,
/// and complete (a JPEG ends with its end marker, a PNG with IEND, a WebP's and a HEIC box's sizes fit the file).
/// </summary>
public static class PhotoInspector
{
    public const long MaxBytes = 15 * 1024 * 1024;
    public const int MaxPerReport = 10;

    public const string TooLarge = "Photo.TooLarge";
    public const string NotAnImage = "Photo.NotAnImage";
    public const string Truncated = "Photo.Truncated";
    public const string TooMany = "Photo.TooMany";

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] PngEnd = [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];
    private static readonly string[] HeicBrands = ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"];

    public static PhotoCheck Inspect(ReadOnlySpan<byte> file)
    {
        if (file.Length > MaxBytes)
        {
            return Refuse(TooLarge);
        }

        if (file.Length >= 4 && file[0] == 0xFF && file[1] == 0xD8 && file[2] == 0xFF)
        {
            return file[^2] == 0xFF && file[^1] == 0xD9 ? new(true, "image/jpeg", ".jpg", null) : Refuse(Truncated);
        }

        if (file.StartsWith(Png))
        {
            return file.Length >= Png.Length + 12 && file.EndsWith(PngEnd) ? new(true, "image/png", ".png", null) : Refuse(Truncated);
        }

        if (file.Length >= 12 && file[..4].SequenceEqual("RIFF"u8) && file[8..12].SequenceEqual("WEBP"u8))
        {
            var declared = BinaryPrimitives.ReadUInt32LittleEndian(file[4..8]) + 8L;
            return declared <= file.Length && declared >= 20 ? new(true, "image/webp", ".webp", null) : Refuse(Truncated);
        }

        if (file.Length >= 12 && file[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = System.Text.Encoding.ASCII.GetString(file[8..12]);
            if (!HeicBrands.Contains(brand))
            {
                return Refuse(NotAnImage);
            }

            return BoxesFit(file) ? new(true, "image/heic", ".heic", null) : Refuse(Truncated);
        }

        return Refuse(NotAnImage);
    }

    /// <summary>An ISO media file is a chain of boxes whose sizes must add up to the file, with no box cut short.</summary>
    private static bool BoxesFit(ReadOnlySpan<byte> file)
    {
        long offset = 0;
        var boxes = 0;
        while (offset < file.Length)
        {
            if (file.Length - offset < 8)
            {
                return false;
            }

            long size = BinaryPrimitives.ReadUInt32BigEndian(file.Slice((int)offset, 4));
            if (size == 1 && file.Length - offset >= 16)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(file.Slice((int)offset + 8, 8));
            }
            else if (size == 0)
            {
                size = file.Length - offset;
            }

            if (size < 8 || offset + size > file.Length)
            {
                return false;
            }

            offset += size;
            boxes++;
        }

        return boxes >= 2;
    }

    private static PhotoCheck Refuse(string code) => new(false, null, null, code);
}

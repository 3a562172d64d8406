using System.Buffers.Binary;

namespace Maxmontaj.Core.Reports;

/// <summary>The verdict on an uploaded file: its real image type, or why it is refused.</summary>
public sealed record PhotoCheck(bool IsValid, string? ContentType, string? Extension, string? ErrorCode);

/// <summary>
/// Decides what a file is from its bytes, never from its name or the browser's word: JPEG, PNG or WebP, and complete
/// (a JPEG's segments lead to its end marker, a PNG ends with IEND, a WebP's size fits the file). Data after a JPEG's end
/// marker is allowed: phones' motion photos append a short MP4 to the picture. HEIC is recognised and refused with its own
/// message, because browsers other than Safari cannot show it and converting it needs a native codec.
/// </summary>
public static class PhotoInspector
{
    public const long MaxBytes = 15 * 1024 * 1024;
    public const int MaxPerReport = 10;

    public const string TooLarge = "Photo.TooLarge";
    public const string NotAnImage = "Photo.NotAnImage";
    public const string Truncated = "Photo.Truncated";
    public const string TooMany = "Photo.TooMany";
    public const string Heic = "Photo.Heic";

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
            return JpegEnds(file) ? new(true, "image/jpeg", ".jpg", null) : Refuse(Truncated);
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

        if (file.Length >= 12 && file[4..8].SequenceEqual("ftyp"u8) && HeicBrands.Contains(System.Text.Encoding.ASCII.GetString(file[8..12])))
        {
            return Refuse(Heic);
        }

        return Refuse(NotAnImage);
    }

    /// <summary>
    /// Walks a JPEG's marker segments (skipping each by its length, so an EXIF thumbnail's own end marker does not count) and its
    /// entropy-coded scans (where 0xFF is always followed by 0x00 or a restart marker) to the end-of-image marker. Stray bytes
    /// between segments are skipped, as decoders do. Whatever follows the end marker is not looked at.
    /// </summary>
    private static bool JpegEnds(ReadOnlySpan<byte> file)
    {
        var i = 2;
        while (i + 1 < file.Length)
        {
            if (file[i] != 0xFF)
            {
                i++;
                continue;
            }

            var marker = file[i + 1];
            if (marker == 0xD9)
            {
                return true;
            }

            if (marker is 0xFF or 0x00 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                // Fill byte, or a marker without a length.
                i += marker == 0xFF ? 1 : 2;
                continue;
            }

            if (i + 3 >= file.Length)
            {
                return false;
            }

            i += 2 + BinaryPrimitives.ReadUInt16BigEndian(file.Slice(i + 2, 2));
            if (marker == 0xDA)
            {
                // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart marker.
                while (i + 1 < file.Length && !(file[i] == 0xFF && file[i + 1] is not (0x00 or 0xFF or (>= 0xD0 and <= 0xD7))))
                {
                    i++;
                }
            }
        }

        return false;
    }

    private static PhotoCheck Refuse(string code) => new(false, null, null, code);
}

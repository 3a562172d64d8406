using Maxmontaj.Core.Reports;
using Microsoft.AspNetCore.Components.Forms;

namespace Maxmontaj.Web.Components.Shared;

/// <summary>
/// Reads what a MudFileUpload reports. Its FilesChanged gives the whole current selection, not the files just added: after
/// every pick, after every ✕ on its chips (what is left), and null when nothing is left. Pages that treated it as "files
/// added" read null (ending the circuit) or added the remaining files again; <see cref="Selected(IBrowserFile?)"/> and
/// <see cref="AttachedPhotos"/> take it for what it is.
/// </summary>
public static class PhotoUpload
{
    /// <summary>The selection of a single-file upload: none when the file was removed or the picker emptied.</summary>
    public static IReadOnlyList<IBrowserFile> Selected(IBrowserFile? file) => file is null ? [] : [file];

    /// <summary>The selection of a multi-file upload.</summary>
    public static IReadOnlyList<IBrowserFile> Selected(IReadOnlyList<IBrowserFile>? files) => files ?? [];

    /// <summary>
    /// Reads a file up to the photo limit; a larger file throws <see cref="IOException"/> before it is read whole. The size the
    /// browser claims is only used to refuse early: the buffer starts small and grows with the bytes that really arrive, and
    /// reading stops with <see cref="IOException"/> as soon as they pass the limit.
    /// </summary>
    public static async Task<byte[]> ReadAsync(IBrowserFile file, CancellationToken cancellationToken = default)
    {
        if (file.Size > PhotoInspector.MaxBytes)
        {
            throw new IOException("File too large");
        }

        await using var stream = file.OpenReadStream(PhotoInspector.MaxBytes, cancellationToken);
        using var buffer = new MemoryStream(64 * 1024);
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > PhotoInspector.MaxBytes)
            {
                throw new IOException("File too large");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

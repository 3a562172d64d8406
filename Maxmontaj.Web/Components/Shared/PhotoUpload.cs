using Maxmontaj.Core.Reports;
using Microsoft.AspNetCore.Components.Forms;

namespace Maxmontaj.Web.Components.Shared;

/// <summary>Reads an uploaded file up to the photo limit; a larger file throws <see cref="IOException"/> before it is read whole.</summary>
public static class PhotoUpload
{
    public static async Task<byte[]> ReadAsync(IBrowserFile file, CancellationToken cancellationToken = default)
    {
        if (file.Size > PhotoInspector.MaxBytes)
        {
            throw new IOException("File too large");
        }

        await using var stream = file.OpenReadStream(PhotoInspector.MaxBytes, cancellationToken);
        using var buffer = new MemoryStream((int)file.Size);
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}

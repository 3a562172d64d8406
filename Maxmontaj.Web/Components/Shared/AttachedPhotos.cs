using Microsoft.AspNetCore.Components.Forms;

namespace Maxmontaj.Web.Components.Shared;

/// <summary>
/// The photos a form will send, kept equal to its file upload's selection (the upload's chips are the list the user sees
/// and removes from). Each file is read once, when picked: the browser forgets a pick's files when the next one starts.
/// Capped as files are added: at most <see cref="MaxCount"/> files of at most 15 MB each are read (so a circuit holds at most
/// 10 × 15 MB per form until it is sent); files past the count are not read at all and <see cref="RefusedCode"/> says why.
/// </summary>
public sealed class AttachedPhotos
{
    private List<(IBrowserFile File, byte[] Content)> _photos = [];

    public const int MaxCount = Maxmontaj.Core.Reports.PhotoInspector.MaxPerReport;
    public const string TooManyAttached = "Photo.TooManyAttached";

    public int Count => _photos.Count;

    /// <summary>Why the last selection was not attached whole (an error code), or null when it was.</summary>
    public string? RefusedCode { get; private set; }

    public List<byte[]> Contents => _photos.Select(p => p.Content).ToList();

    /// <summary>Makes the attached photos the selection: drops the removed ones, reads the new ones; a file too large to attach sets <see cref="RefusedCode"/>.</summary>
    public async Task MirrorAsync(IReadOnlyList<IBrowserFile> selection)
    {
        var photos = new List<(IBrowserFile File, byte[] Content)>();
        RefusedCode = null;
        foreach (var file in selection)
        {
            if (photos.Count >= MaxCount)
            {
                RefusedCode = TooManyAttached;
                break;
            }

            var known = _photos.FirstOrDefault(p => ReferenceEquals(p.File, file));
            if (known.File is not null)
            {
                photos.Add(known);
                continue;
            }

            try
            {
                photos.Add((file, await PhotoUpload.ReadAsync(file)));
            }
            catch (IOException)
            {
                RefusedCode ??= Maxmontaj.Core.Reports.PhotoInspector.TooLarge;
            }
        }

        _photos = photos;
    }
}

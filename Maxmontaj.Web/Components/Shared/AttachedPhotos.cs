using Microsoft.AspNetCore.Components.Forms;

namespace Maxmontaj.Web.Components.Shared;

/// <summary>
/// The photos a form will send, kept equal to its file upload's selection (the upload's chips are the list the user sees
/// and removes from). Each file is read once, when picked: the browser forgets a pick's files when the next one starts.
/// </summary>
public sealed class AttachedPhotos
{
    private List<(IBrowserFile File, byte[] Content)> _photos = [];

    public int Count => _photos.Count;

    public List<byte[]> Contents => _photos.Select(p => p.Content).ToList();

    /// <summary>Makes the attached photos the selection: drops the removed ones, reads the new ones; returns the files too large to attach.</summary>
    public async Task<IReadOnlyList<IBrowserFile>> MirrorAsync(IReadOnlyList<IBrowserFile> selection)
    {
        var photos = new List<(IBrowserFile File, byte[] Content)>();
        var tooLarge = new List<IBrowserFile>();
        foreach (var file in selection)
        {
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
                tooLarge.Add(file);
            }
        }

        _photos = photos;
        return tooLarge;
    }
}

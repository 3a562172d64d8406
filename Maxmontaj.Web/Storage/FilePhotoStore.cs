using Maxmontaj.Core.Reports;

namespace Maxmontaj.Web.Storage;

/// <summary>
/// Photos on disk under <c>Storage:PhotosFolder</c> (default App_Data/photos, never under wwwroot), named by a random id
/// and the extension their bytes proved, spread over subfolders so no folder grows huge.
/// </summary>
public sealed class FilePhotoStore(IConfiguration configuration, IHostEnvironment environment) : IPhotoStore
{
    private readonly string _root = Path.GetFullPath(Path.Combine(environment.ContentRootPath,
        configuration["Storage:PhotosFolder"] is { Length: > 0 } folder ? folder : Path.Combine("App_Data", "photos")));

    public async Task<string> SaveAsync(byte[] content, string extension, CancellationToken cancellationToken = default)
    {
        var name = Guid.NewGuid().ToString("N") + extension;
        var path = PathOf(name);
        FileModes.CreateFolder(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content, cancellationToken);
        return name;
    }

    public Stream? OpenRead(string storedName)
    {
        var path = PathOf(storedName);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }

    public void Delete(string storedName)
    {
        var path = PathOf(storedName);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>Stored names are ours (hex and a known extension); anything else never reaches the file system.</summary>
    private string PathOf(string storedName)
    {
        if (storedName.Length < 34 || !storedName[..32].All(char.IsAsciiHexDigit) || storedName.IndexOfAny(['/', '\\']) >= 0 || storedName.Contains(".."))
        {
            throw new ArgumentException("Not a stored photo name", nameof(storedName));
        }

        return Path.Combine(_root, storedName[..2], storedName);
    }
}

namespace Maxmontaj.Core.Reports;

/// <summary>Where photo files live: outside the web root, under generated names, handed out only after an access check.</summary>
public interface IPhotoStore
{
    /// <summary>Stores the bytes under a new generated name with <paramref name="extension"/> and returns that name.</summary>
    Task<string> SaveAsync(byte[] content, string extension, CancellationToken cancellationToken = default);

    /// <summary>Opens a stored photo for reading, or null when it is gone.</summary>
    Stream? OpenRead(string storedName);

    /// <summary>Removes a stored photo; a missing file is not an error.</summary>
    void Delete(string storedName);
}

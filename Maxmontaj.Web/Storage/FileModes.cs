using System.Runtime.InteropServices;

namespace Maxmontaj.Web.Storage;

/// <summary>
/// Files the app writes (logs, the SQLite database and its journals, photos, data-protection keys) are the service account's:
/// 0640 for files and 0750 for folders on Unix, never readable by other accounts on the server.
/// </summary>
public static class FileModes
{
    public const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    public const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    // 0027: takes write from the group and everything from others for every file the process creates, including the ones
    // that libraries create themselves (Serilog's log files, SQLite's database, -wal and -journal files).
    private const uint Umask = 0b000_010_111;

    /// <summary>Sets the process umask once at start-up; a no-op on Windows, where ACLs of the install folder apply.</summary>
    public static void RestrictNewFiles()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = SetUmask(Umask);
        }
    }

    /// <summary>Creates a folder (and its missing parents) as 0750 on Unix.</summary>
    public static DirectoryInfo CreateFolder(string path) =>
        OperatingSystem.IsWindows() ? Directory.CreateDirectory(path) : Directory.CreateDirectory(path, Folder);

    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint SetUmask(uint mask);
}

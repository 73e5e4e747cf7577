using System.Text;

namespace ApiBuilder.Runtime.Certificates;

/// <summary>
/// Writes files atomically (temporary file, then rename) so a crash never leaves half a PEM behind,
/// and creates private files as 0600 from the first byte rather than tightening them afterwards.
/// </summary>
internal static class SecureFile
{
    private const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode PublicMode = PrivateMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Writes a file only its owner can read (keys, kubeconfigs).</summary>
    public static void WritePrivate(string path, string contents) => Write(path, contents, PrivateMode);

    /// <summary>Writes a world-readable file (certificates).</summary>
    public static void WritePublic(string path, string contents) => Write(path, contents, PublicMode);

    private static void Write(string path, string contents, UnixFileMode mode)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(contents));
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                // The umask can only remove bits from UnixCreateMode; setting the mode again makes it exact.
                File.SetUnixFileMode(temporary, mode);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}

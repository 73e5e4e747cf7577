namespace ApiBuilder.Runtime.Audit;

/// <summary>
/// When the audit log file is rotated, as kube-apiserver's audit backend (lumberjack) does it:
/// a file that would grow past <see cref="MaxSizeBytes"/> is renamed to
/// <c>&lt;name&gt;-&lt;UTC time&gt;&lt;.ext&gt;</c> and a new one started; then backups beyond
/// <see cref="MaxBackups"/> or older than <see cref="MaxAge"/> are removed.
/// </summary>
/// <param name="MaxSizeBytes">Size of the file before it is rotated (<c>--audit-log-maxsize</c> in megabytes; 0 means 100 MB, as kube-apiserver).</param>
/// <param name="MaxBackups">Rotated files kept (<c>--audit-log-maxbackup</c>); 0 keeps all of them.</param>
/// <param name="MaxAge">Age after which rotated files are removed (<c>--audit-log-maxage</c> in days); zero keeps them however old.</param>
/// <param name="Compress">Whether rotated files are gzip-compressed (<c>--audit-log-compress</c>).</param>
internal sealed record AuditLogRotation(long MaxSizeBytes, int MaxBackups, TimeSpan MaxAge, bool Compress)
{
    /// <summary>kube-apiserver's defaults: 100 MB files, every backup kept for ever, uncompressed.</summary>
    public static AuditLogRotation Default { get; } = new(100L * 1024 * 1024, 0, TimeSpan.Zero, false);

    /// <summary>From the flags' values (megabytes and days, 0 for the defaults).</summary>
    public static AuditLogRotation FromFlags(int maxSizeMegabytes, int maxBackups, int maxAgeDays, bool compress) =>
        // Ages beyond any file's lifetime (10,000 years) mean "keep them", as 0 does.
        new(maxSizeMegabytes > 0 ? maxSizeMegabytes * 1024L * 1024 : Default.MaxSizeBytes, maxBackups,
            maxAgeDays is > 0 and <= 3_650_000 ? TimeSpan.FromDays(maxAgeDays) : TimeSpan.Zero, compress);

    /// <summary>The name of a backup of <paramref name="path"/> made at <paramref name="time"/>, as lumberjack names them.</summary>
    public static string BackupName(string path, DateTimeOffset time)
    {
        var directory = Path.GetDirectoryName(path) ?? "";
        var extension = Path.GetExtension(path);
        var stem = Path.GetFileNameWithoutExtension(path);
        return Path.Combine(directory, $"{stem}-{time.UtcDateTime:yyyy-MM-ddTHH-mm-ss.fff}{extension}");
    }

    /// <summary>Rotated files of <paramref name="path"/>, newest first, with the time in their names.</summary>
    public static IReadOnlyList<(string File, DateTime Time)> Backups(string path)
    {
        var directory = Path.GetDirectoryName(path) is { Length: > 0 } d ? d : ".";
        var extension = Path.GetExtension(path);
        var prefix = Path.GetFileNameWithoutExtension(path) + "-";
        var found = new List<(string, DateTime)>();
        foreach (var file in Directory.EnumerateFiles(directory, prefix + "*"))
        {
            var name = Path.GetFileName(file);
            var rest = name[prefix.Length..];
            var stamp = rest.EndsWith(extension + ".gz", StringComparison.Ordinal) ? rest[..^(extension.Length + 3)]
                : rest.EndsWith(extension, StringComparison.Ordinal) ? rest[..^extension.Length] : null;
            if (stamp is not null && DateTime.TryParseExact(stamp, "yyyy-MM-ddTHH-mm-ss.fff", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var time))
            {
                found.Add((file, time));
            }
        }

        return [.. found.OrderByDescending(b => b.Item2)];
    }
}

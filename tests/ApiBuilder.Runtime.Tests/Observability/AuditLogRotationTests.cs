using System.IO.Compression;
using System.Text;
using ApiBuilder.Runtime.Audit;
using Microsoft.Extensions.Logging.Abstractions;

namespace ApiBuilder.Runtime.Tests.Observability;

/// <summary>Rotation of the audit log file, as kube-apiserver's --audit-log-maxsize/-maxbackup/-maxage/-compress.</summary>
public sealed class AuditLogRotationTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "apibuilder-audit-rotation-" + Guid.NewGuid().ToString("N")[..12]);

    public AuditLogRotationTests() => Directory.CreateDirectory(directory);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string LogPath => Path.Combine(directory, "audit.log");

    private static byte[] Line(int i) => Encoding.UTF8.GetBytes($"{{\"n\":\"{i:D3}\",\"pad\":\"{new string('x', 80)}\"}}\n");

    private async Task WriteAsync(AuditLogRotation rotation, int lines)
    {
        await using var log = AuditLog.Open(LogPath, NullLogger.Instance, rotation: rotation);
        for (var i = 0; i < lines; i++)
        {
            await log.WriteAsync(Line(i));
        }
    }

    private static IEnumerable<string> LinesOf(string file)
    {
        using Stream raw = File.OpenRead(file);
        using Stream content = file.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        using var reader = new StreamReader(content);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task A_full_file_is_renamed_with_its_time_and_no_event_is_lost()
    {
        var line = Line(0).Length;
        await WriteAsync(new AuditLogRotation(line * 10, 0, TimeSpan.Zero, false), 95);

        var backups = AuditLogRotation.Backups(LogPath);
        Assert.Equal(9, backups.Count);
        Assert.All(backups, b => Assert.Matches(@"^audit-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}\.log$", Path.GetFileName(b.File)));
        Assert.All(backups, b => Assert.True(new FileInfo(b.File).Length <= line * 10));
        var all = backups.Reverse().SelectMany(b => LinesOf(b.File)).Concat(LinesOf(LogPath)).ToList();
        Assert.Equal(Enumerable.Range(0, 95).Select(i => Encoding.UTF8.GetString(Line(i)).TrimEnd('\n')), all);
    }

    [Fact]
    public async Task Only_the_newest_backups_are_kept_and_compressed_when_asked()
    {
        var line = Line(0).Length;
        await WriteAsync(new AuditLogRotation(line * 5, 2, TimeSpan.Zero, true), 60);

        var backups = AuditLogRotation.Backups(LogPath);
        Assert.Equal(2, backups.Count);
        Assert.All(backups, b => Assert.EndsWith(".log.gz", b.File, StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFiles(directory, "audit-*.log"));
        var kept = backups.Reverse().SelectMany(b => LinesOf(b.File)).Concat(LinesOf(LogPath)).ToList();
        Assert.Equal(Enumerable.Range(45, 15).Select(i => Encoding.UTF8.GetString(Line(i)).TrimEnd('\n')), kept);
    }

    [Fact]
    public async Task Backups_older_than_the_maximum_age_are_removed()
    {
        var old = AuditLogRotation.BackupName(LogPath, DateTimeOffset.UtcNow.AddDays(-3));
        var recent = AuditLogRotation.BackupName(LogPath, DateTimeOffset.UtcNow.AddHours(-1));
        await File.WriteAllTextAsync(old, "old\n");
        await File.WriteAllTextAsync(recent, "recent\n");
        var unrelated = Path.Combine(directory, "audit-notes.log");
        await File.WriteAllTextAsync(unrelated, "mine\n");

        var line = Line(0).Length;
        await WriteAsync(new AuditLogRotation(line * 5, 0, TimeSpan.FromDays(2), false), 6);

        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));
        Assert.True(File.Exists(unrelated));
    }

    [Fact]
    public void Flags_follow_kube_apiserver_defaults()
    {
        Assert.Equal(AuditLogRotation.Default, AuditLogRotation.FromFlags(0, 0, 0, false));
        Assert.Equal(new AuditLogRotation(5L * 1024 * 1024, 3, TimeSpan.FromDays(7), true), AuditLogRotation.FromFlags(5, 3, 7, true));
    }
}

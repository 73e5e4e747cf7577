using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ApiBuilder.Runtime.Audit;

/// <summary>
/// The audit log backend (<c>--audit-log-path</c>): events are queued in a bounded buffer and written as
/// JSON lines by one background writer, so a request never waits for the disk. When the buffer is full
/// (the disk cannot keep up), requests wait for room, as kube-apiserver's blocking mode does: events are
/// never dropped to keep latency. On disposal every queued event is written before the file is closed.
/// A failing write (disk full, file removed) is logged and that event is lost; the server keeps serving.
/// A file (not standard output) is rotated as <see cref="AuditLogRotation"/> says.
/// </summary>
internal sealed class AuditLog : IAsyncDisposable
{
    /// <summary>Events held in memory at most, as kube-apiserver's <c>--audit-log-buffer-size</c> default.</summary>
    public const int DefaultCapacity = 10_000;

    private readonly Channel<byte[]> channel;
    private readonly ILogger logger;
    private readonly Task writing;
    private readonly string? path;
    private readonly AuditLogRotation? rotation;
    private Stream output;
    private long size;
    private DateTimeOffset? lastBackup;

    private AuditLog(Stream output, int capacity, ILogger logger, string? path = null, AuditLogRotation? rotation = null)
    {
        this.output = output;
        this.logger = logger;
        this.path = path;
        this.rotation = rotation;
        size = output.CanSeek ? output.Length : 0;
        channel = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        writing = Task.Run(WriteAllAsync);
    }

    /// <summary>Where events go, for the start-up log.</summary>
    public required string Target { get; init; }

    /// <summary>Opens <paramref name="path"/> for appending (<c>-</c> is standard output), creating its directory.</summary>
    /// <exception cref="AuditConfigurationException">The file cannot be opened for writing.</exception>
    public static AuditLog Open(string path, ILogger logger, int capacity = DefaultCapacity, AuditLogRotation? rotation = null)
    {
        if (path == "-")
        {
            return new AuditLog(Console.OpenStandardOutput(), capacity, logger) { Target = "standard output" };
        }

        try
        {
            var full = Path.GetFullPath(path);
            if (Path.GetDirectoryName(full) is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
            }

            return new AuditLog(OpenFile(full), capacity, logger, full, rotation ?? AuditLogRotation.Default) { Target = full };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new AuditConfigurationException($"cannot open --audit-log-path {path} for writing: {e.Message}", e);
        }
    }

    private static FileStream OpenFile(string full) =>
        new(full, FileMode.Append, FileAccess.Write, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous);

    /// <summary>Queues one event line; waits only while the buffer is full.</summary>
    public ValueTask WriteAsync(byte[] line) =>
        channel.Writer.TryWrite(line) ? ValueTask.CompletedTask : WaitAsync(line);

    /// <summary>Writes every queued event, then closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        channel.Writer.TryComplete();
        await writing.ConfigureAwait(false);
        await output.DisposeAsync().ConfigureAwait(false);
    }

    private async ValueTask WaitAsync(byte[] line)
    {
        try
        {
            await channel.Writer.WriteAsync(line).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The server is stopping and the log is closed: a request still finishing has nowhere to go.
        }
    }

    private async Task WriteAllAsync()
    {
        var reader = channel.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            try
            {
                while (reader.TryRead(out var line))
                {
                    if (rotation is not null && size > 0 && size + line.Length > rotation.MaxSizeBytes)
                    {
                        await RotateAsync().ConfigureAwait(false);
                    }

                    await output.WriteAsync(line).ConfigureAwait(false);
                    size += line.Length;
                }

                await output.FlushAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // Whatever failed, the writer goes on: requests must never wait on a stopped writer.
                logger.LogError("Writing the audit log {Target} failed, events are lost: {Reason}", Target, e.Message);
                if (path is not null && !output.CanWrite)
                {
                    // A rotation that could not reopen the file: try again with the next events.
                    TryReopen();
                }
            }
        }
    }

    /// <summary>Renames the full file to its backup name, starts a new one, then removes (or compresses) old backups.</summary>
    private async Task RotateAsync()
    {
        if (output.CanWrite)
        {
            await output.FlushAsync().ConfigureAwait(false);
        }

        await output.DisposeAsync().ConfigureAwait(false);
        // Backup names carry the time to the millisecond and sort as they were made: a rotation within
        // the same millisecond as the one before (or after the clock stepped back) takes the next one.
        lastBackup ??= AuditLogRotation.Backups(path!) is [var newest, ..] ? new DateTimeOffset(newest.Time, TimeSpan.Zero) : DateTimeOffset.MinValue;
        var now = DateTimeOffset.UtcNow;
        var time = now > lastBackup.Value.AddMilliseconds(1) ? now : lastBackup.Value.AddMilliseconds(1);
        var backup = AuditLogRotation.BackupName(path!, time);
        while (File.Exists(backup) || File.Exists(backup + ".gz"))
        {
            time = time.AddMilliseconds(1);
            backup = AuditLogRotation.BackupName(path!, time);
        }

        lastBackup = time;
        try
        {
            File.Move(path!, backup);
        }
        finally
        {
            // Whatever happened to the old file, events go on into a file at the configured path.
            TryReopen();
        }

        try
        {
            if (rotation!.Compress)
            {
                await CompressAsync(backup).ConfigureAwait(false);
            }

            RemoveOldBackups();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Tidying rotated audit logs of {Target} failed: {Reason}", Target, e.Message);
        }
    }

    /// <summary>Opens the file at the configured path again; on failure the next write fails and is logged.</summary>
    private void TryReopen()
    {
        try
        {
            output = OpenFile(path!);
            size = output.Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError("Reopening the audit log {Target} failed: {Reason}", Target, e.Message);
        }
    }

    private static async Task CompressAsync(string file)
    {
        var compressed = file + ".gz";
        await using (var source = File.OpenRead(file))
        await using (var target = File.Create(compressed))
        await using (var gzip = new System.IO.Compression.GZipStream(target, System.IO.Compression.CompressionLevel.Fastest))
        {
            await source.CopyToAsync(gzip).ConfigureAwait(false);
        }

        File.Delete(file);
    }

    private void RemoveOldBackups()
    {
        var backups = AuditLogRotation.Backups(path!);
        var now = DateTime.UtcNow;
        var cutoff = rotation!.MaxAge > TimeSpan.Zero && rotation.MaxAge < now - DateTime.MinValue ? now - rotation.MaxAge : DateTime.MinValue;
        for (var i = 0; i < backups.Count; i++)
        {
            var (file, time) = backups[i];
            if ((rotation.MaxBackups > 0 && i >= rotation.MaxBackups) || time < cutoff)
            {
                File.Delete(file);
            }
        }
    }
}

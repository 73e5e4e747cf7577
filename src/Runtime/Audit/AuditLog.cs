using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ApiBuilder.Runtime.Audit;

/// <summary>
/// The audit log backend (<c>--audit-log-path</c>): events are queued in a bounded buffer and written as
/// JSON lines by one background writer, so a request never waits for the disk. When the buffer is full
/// (the disk cannot keep up), requests wait for room, as kube-apiserver's blocking mode does: events are
/// never dropped to keep latency. On disposal every queued event is written before the file is closed.
/// A failing write (disk full, file removed) is logged and that event is lost; the server keeps serving.
/// </summary>
internal sealed class AuditLog : IAsyncDisposable
{
    /// <summary>Events held in memory at most, as kube-apiserver's <c>--audit-log-buffer-size</c> default.</summary>
    public const int DefaultCapacity = 10_000;

    private readonly Channel<byte[]> channel;
    private readonly Stream output;
    private readonly ILogger logger;
    private readonly Task writing;

    private AuditLog(Stream output, int capacity, ILogger logger)
    {
        this.output = output;
        this.logger = logger;
        channel = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        writing = Task.Run(WriteAllAsync);
    }

    /// <summary>Where events go, for the start-up log.</summary>
    public required string Target { get; init; }

    /// <summary>Opens <paramref name="path"/> for appending (<c>-</c> is standard output), creating its directory.</summary>
    /// <exception cref="AuditConfigurationException">The file cannot be opened for writing.</exception>
    public static AuditLog Open(string path, ILogger logger, int capacity = DefaultCapacity)
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

            var stream = new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous);
            return new AuditLog(stream, capacity, logger) { Target = full };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new AuditConfigurationException($"cannot open --audit-log-path {path} for writing: {e.Message}", e);
        }
    }

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
                    await output.WriteAsync(line).ConfigureAwait(false);
                }

                await output.FlushAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
            {
                logger.LogError("Writing the audit log {Target} failed, events are lost: {Reason}", Target, e.Message);
            }
        }
    }
}

namespace ApiBuilder.Runtime.Metrics;

/// <summary>
/// The response body of a watch, counting what passes through: the watch handler writes each event
/// (its JSON line, bookmarks included) with one write, so each write of a started watch (status 200)
/// is one event sent. An error Status written instead of a watch is not an event.
/// </summary>
internal sealed class WatchEventCounter(Stream inner, WatchScope scope, Microsoft.AspNetCore.Http.HttpResponse response) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        Counted(count);
        inner.Write(buffer, offset, count);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // Counted before it is written, so that a client that has read the event sees it counted.
        Counted(buffer.Length);
        await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Counted(int bytes)
    {
        if (bytes > 0 && response.StatusCode == 200)
        {
            scope.EventSent(bytes);
        }
    }
}

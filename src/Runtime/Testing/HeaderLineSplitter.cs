using System.Text;

namespace ApiBuilder.Runtime.Testing;

/// <summary>
/// Sends each value of the aggregator's multi-valued identity headers on a line of its own, as
/// kube-apiserver does (one <c>X-Remote-Group</c> line per group): .NET's HTTP/1.1 client joins the values
/// of a header with ", ", which an extension server rightly reads as one group. Wraps the connection of a
/// request sent with <c>Connection: close</c>, so the header block is everything before the first empty line.
/// Values that themselves contain ", " cannot be told apart and are split too.
/// </summary>
internal sealed class HeaderLineSplitter(Stream inner, IReadOnlyList<string> headers) : Stream
{
    private readonly MemoryStream _head = new();
    private bool _inBody;

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_inBody)
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            return;
        }

        _head.Write(buffer.Span);
        var bytes = _head.GetBuffer().AsMemory(0, (int)_head.Length);
        var end = bytes.Span.IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return;
        }

        _inBody = true;
        var head = Encoding.Latin1.GetString(bytes.Span[..end]);
        var lines = head.Split("\r\n").SelectMany(Split);
        await inner.WriteAsync(Encoding.Latin1.GetBytes(string.Join("\r\n", lines) + "\r\n\r\n"), cancellationToken).ConfigureAwait(false);
        await inner.WriteAsync(bytes[(end + 4)..], cancellationToken).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private IEnumerable<string> Split(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !headers.Any(h => line.AsSpan(0, colon).StartsWith(h, StringComparison.OrdinalIgnoreCase)))
        {
            return [line];
        }

        var name = line[..colon];
        return line[(colon + 1)..].Trim().Split(", ").Select(value => name + ": " + value);
    }
}

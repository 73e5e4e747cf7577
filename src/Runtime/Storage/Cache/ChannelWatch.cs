using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace ApiBuilder.Runtime.Storage.Cache;

/// <summary>
/// A watch fed by a producer (a backend's event follower or the watch cache): a bounded buffer of
/// events strictly after <see cref="AfterRevision"/> under <see cref="Prefix"/>. A reader that lets
/// the buffer fill is ended with a reason instead of holding unbounded memory, as kube-apiserver
/// closes slow watchers. Shared by the SQLite, etcd and cached backends.
/// </summary>
internal sealed class ChannelWatch(string prefix, long afterRevision, int capacity, Action<ChannelWatch>? onDispose = null) : IStorageWatch
{
    private readonly Channel<StorageEvent> channel = Channel.CreateBounded<StorageEvent>(
        new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });

    private int disposed;
    private volatile bool closed;

    public string Prefix { get; } = prefix;

    /// <summary>Events at or below this revision are not delivered (the producer may offer them while catching up).</summary>
    public long AfterRevision { get; } = afterRevision;

    /// <summary>Revision of the newest event delivered to the buffer.</summary>
    public long LastRevision { get; private set; } = afterRevision;

    public StorageException? TerminationReason { get; private set; }

    public bool IsClosed => closed;

    /// <summary>Whether the event belongs to this watch (prefix and revision); the producer calls <see cref="Offer"/> only then.</summary>
    public bool Wants(StorageEvent e) =>
        e.Object.Revision > LastRevision && e.Object.Key.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Never blocks; ends the watch when its reader is too far behind. Callers serialize offers.</summary>
    public void Offer(StorageEvent e)
    {
        if (IsClosed || !Wants(e))
        {
            return;
        }

        if (channel.Writer.TryWrite(e))
        {
            LastRevision = e.Object.Revision;
            return;
        }

        Fail(new StorageException(StorageErrorCode.RevisionCompacted, Prefix,
            "watch closed: the client was too slow to receive events", e.Object.Revision));
    }

    /// <summary>Ends the watch with a reason the reader can see after the buffered events.</summary>
    public void Fail(StorageException reason)
    {
        if (IsClosed)
        {
            return;
        }

        TerminationReason = reason;
        closed = true;
        channel.Writer.TryComplete();
    }

    public async IAsyncEnumerable<StorageEvent> Events([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return e;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        closed = true;
        channel.Writer.TryComplete();
        onDispose?.Invoke(this);
    }
}

using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace ApiBuilder.Runtime.Storage.Memory;

/// <summary>A watch on <see cref="MemoryStorage"/>: a bounded buffer that ends the watch when its reader falls behind.</summary>
internal sealed class MemoryWatch(string prefix, int capacity, Action<MemoryWatch> onDispose) : IStorageWatch
{
    private readonly Channel<StorageEvent> channel = Channel.CreateBounded<StorageEvent>(
        new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public string Prefix { get; } = prefix;

    public StorageException? TerminationReason { get; private set; }

    /// <summary>Called under the storage lock; never blocks.</summary>
    public void Offer(StorageEvent e)
    {
        if (!channel.Writer.TryWrite(e) && TerminationReason is null)
        {
            // A reader this far behind would need unbounded memory; Kubernetes closes such watchers too.
            TerminationReason = new StorageException(StorageErrorCode.RevisionCompacted, Prefix,
                "watch closed: the client was too slow to receive events", e.Object.Revision);
            channel.Writer.TryComplete();
        }
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
        channel.Writer.TryComplete();
        onDispose(this);
    }
}

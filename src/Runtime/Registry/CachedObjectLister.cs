using ApiBuilder.Runtime.Admission;
using ApiBuilder.Runtime.Controllers;
using ApiBuilder.Runtime.Objects;
using ApiBuilder.Runtime.Storage;

namespace ApiBuilder.Runtime.Registry;

/// <summary>
/// The in-process lister of a stored Kind: the objects of one list from the watch cache, decoded once, then
/// followed through a storage watch from that list's revision. The watch is drained when a read begins, not by a
/// thread of its own: backends and the watch cache hand every event to their watches before the write that made
/// it is visible, so a read sees every write the cache had applied when it began, as a list at resourceVersion 0
/// would. A watch that ends (too far behind, compacted, storage restarted) is replaced by a new list.
/// </summary>
internal sealed class CachedObjectLister<TKind>(Rest.IRestWatcher store) : IObjectLister<TKind>, IDisposable
    where TKind : KubernetesObject, IKind<TKind>
{
    private const string NamespaceIndex = "namespace";

    // By namespace and name, whatever form of key the store hands out (storage keys, or a user storage's own).
    private const string NameIndex = "namespace/name";
    private static readonly ListOptions CachedRead = new() { ResourceVersion = "0", Revision = 0 };

    /// <summary>How long a read waits for a user's watchable storage to deliver what its resourceVersion says it has.</summary>
    private static readonly TimeSpan DeliveryWait = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<string, (long Revision, TKind Object)> objects = new(StringComparer.Ordinal);
    private readonly ObjectIndexes<TKind> indexes = CreateIndexes();
    private readonly CancellationTokenSource stopping = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Func<TKind, IEnumerable<string>>> requested = new(StringComparer.Ordinal);
    private int requestedCount;

    /// <summary>The newest resourceVersion the lister has applied (a list's, or a later event's).</summary>
    private long revision;

    /// <summary>A user's storage whose resourceVersion moved without an event once: reads that find the watch behind list.</summary>
    private bool versionRunsAhead;
    private int builtCount;
    private IStorageWatch? watch;
    private IAsyncEnumerator<StorageEvent>? events;
    private Task<bool>? next;

    public async ValueTask<IReadOnlyList<TKind>> ListAsync(string? @namespace = null, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            BuildRequestedIndexes();
            return string.IsNullOrEmpty(@namespace)
                ? [.. objects.Values.Select(o => o.Object)]
                : Resolve(indexes.Keys(NamespaceIndex, @namespace));
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask<TKind?> GetAsync(string? @namespace, string name, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            BuildRequestedIndexes();
            return Resolve(indexes.Keys(NameIndex, (@namespace ?? "") + "/" + name)) is [var found, ..] ? found : null;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <remarks>
    /// Never blocks: the index is recorded here and built, under the lister's lock, by the next read
    /// (a read may be catching up with storage for a while, and plugins add indexes on request threads).
    /// </remarks>
    public void AddIndex(string name, Func<TKind, IEnumerable<string>> values)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(values);
        if (requested.TryAdd(name, values))
        {
            Interlocked.Increment(ref requestedCount);
        }
    }

    public async ValueTask<IReadOnlyList<TKind>> ByIndexAsync(string index, string value, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
            BuildRequestedIndexes();
            return Resolve(indexes.Keys(index, value));
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        watch?.Dispose();
    }

    private static ObjectIndexes<TKind> CreateIndexes()
    {
        var created = new ObjectIndexes<TKind>();
        created.Add(NamespaceIndex, o => [o.Metadata.Namespace ?? ""], []);
        created.Add(NameIndex, o => [(o.Metadata.Namespace ?? "") + "/" + o.Metadata.Name], []);
        return created;
    }

    /// <summary>Builds the indexes added since the last read (under the lock).</summary>
    private void BuildRequestedIndexes()
    {
        var count = Volatile.Read(ref requestedCount);
        if (count == builtCount)
        {
            return;
        }

        foreach (var (name, values) in requested)
        {
            if (!indexes.Has(name))
            {
                indexes.Add(name, values, objects.Select(o => KeyValuePair.Create(o.Key, o.Value.Object)));
            }
        }

        builtCount = count;
    }

    private List<TKind> Resolve(IReadOnlyList<string> keys)
    {
        var found = new List<TKind>(keys.Count);
        foreach (var key in keys)
        {
            if (objects.TryGetValue(key, out var o))
            {
                found.Add(o.Object);
            }
        }

        return found;
    }

    /// <summary>
    /// Applies the events already handed to the watch; lists anew when there is no watch or it has ended. A user's
    /// watchable storage may deliver an event after its write is visible: then the read first waits a little for the
    /// watch to reach the storage's current resourceVersion, and lists anew when it does not.
    /// </summary>
    private async ValueTask CatchUpAsync(CancellationToken cancellationToken)
    {
        if (next is null)
        {
            await RelistAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        long? target = store is Rest.IRestLaggingWatcher ? await store.CurrentRevisionAsync(cancellationToken).ConfigureAwait(false) : null;
        while (true)
        {
            while (next.IsCompleted)
            {
                if (!next.IsCompletedSuccessfully || !next.Result)
                {
                    await RelistAsync(cancellationToken).ConfigureAwait(false);
                    return;
                }

                Apply(events!.Current);
                next = events.MoveNextAsync().AsTask();
            }

            if (target is not { } wanted || revision >= wanted)
            {
                return;
            }

            if (versionRunsAhead)
            {
                await RelistAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            try
            {
                await next.WaitAsync(DeliveryWait, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // No event brings the watch there (the storage's version moves without one): the list is current,
                // and from now on a read that finds the watch behind lists at once rather than waiting.
                versionRunsAhead = true;
                await RelistAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception) when (next.IsCompleted && !cancellationToken.IsCancellationRequested)
            {
                // The watch failed: the loop above lists anew.
            }
        }
    }

    private void Apply(StorageEvent e)
    {
        revision = Math.Max(revision, e.Object.Revision);
        if (WatchProgress.Is(e))
        {
            return;
        }

        var key = e.Object.Key;
        objects.TryGetValue(key, out var old);
        if (e.Type == StorageEventType.Deleted)
        {
            if (objects.Remove(key))
            {
                indexes.Update(key, old.Object, default);
            }

            return;
        }

        var current = KindJson.FromJsonObject<TKind>(store.Present(e.Object.Value));
        objects[key] = (e.Object.Revision, current);
        indexes.Update(key, old.Object, current);
    }

    private async ValueTask RelistAsync(CancellationToken cancellationToken)
    {
        StopWatch();
        var page = await store.ListAsync("", CachedRead, cancellationToken).ConfigureAwait(false);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in page.Items)
        {
            seen.Add(item.Key);
            if (objects.TryGetValue(item.Key, out var old) && old.Revision == item.Revision)
            {
                continue;
            }

            var current = KindJson.FromJsonObject<TKind>(item.Value);
            objects[item.Key] = (item.Revision, current);
            indexes.Update(item.Key, old.Object, current);
        }

        foreach (var gone in objects.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            indexes.Update(gone, objects[gone].Object, default);
            objects.Remove(gone);
        }

        revision = page.Revision;
        var options = new ListOptions { ResourceVersion = page.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), Revision = page.Revision, SendInitialEvents = false };
        var start = await store.StartWatchAsync("", options, cancellationToken).ConfigureAwait(false);
        if (start.Watch is null)
        {
            // Too old already: the next read lists again.
            return;
        }

        watch = start.Watch;
        events = watch.Events(stopping.Token).GetAsyncEnumerator(stopping.Token);
        next = events.MoveNextAsync().AsTask();
    }

    private void StopWatch()
    {
        if (next is { IsFaulted: true })
        {
            _ = next.Exception; // observed: the watch's failure is why it is replaced
        }

        next = null;
        events = null;
        watch?.Dispose();
        watch = null;
    }
}

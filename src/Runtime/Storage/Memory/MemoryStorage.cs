using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Storage.Memory;

/// <summary>
/// In-process storage for tests and throw-away servers: a sorted map of keys, one revision
/// counter, and a bounded history of changes that serves watches and reads at older revisions.
/// Events older than the history are compacted: watching or listing from before them answers
/// <see cref="StorageErrorCode.RevisionCompacted"/>.
/// </summary>
internal sealed class MemoryStorage(int historyCapacity = 10_000, int watchBufferCapacity = 10_000) : IStorage
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, StoredObject> items = new(StringComparer.Ordinal);

    // The keys in order, so that a prefix is a range (log n + matches), not a scan of every key.
    private readonly SortedSet<string> keys = new(StringComparer.Ordinal);
    private readonly LinkedList<StorageEvent> history = new();
    private readonly List<MemoryWatch> watches = [];
    private long revision;

    /// <summary>Revision of the newest event no longer in the history (0 when nothing was dropped).</summary>
    private long compactedRevision;

    public ValueTask<long> GetCurrentRevisionAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return ValueTask.FromResult(revision);
        }
    }

    public ValueTask<StoredObject?> GetAsync(string key, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return ValueTask.FromResult(items.GetValueOrDefault(key));
        }
    }

    public ValueTask<long> CountAsync(string prefix, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return ValueTask.FromResult((long)KeysUnder(prefix).Count);
        }
    }

    public ValueTask<StorageList> ListAsync(string prefix, StorageListRequest request, CancellationToken cancellationToken)
    {
        IEnumerable<StoredObject> snapshot;
        long listRevision;
        lock (gate)
        {
            listRevision = request.Revision ?? revision;
            if (listRevision > revision)
            {
                throw new StorageException(StorageErrorCode.RevisionCompacted, prefix,
                    $"revision {listRevision} is newer than the current revision {revision}", revision);
            }

            snapshot = listRevision == revision
                ? KeysUnder(prefix).Select(k => items[k]).ToList()
                : StateAt(listRevision, prefix);
        }

        return ValueTask.FromResult(StorageListPager.Page(snapshot, listRevision, request));
    }

    public ValueTask<StoredObject> CreateAsync(string key, JsonObject value, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (items.ContainsKey(key))
            {
                throw StorageException.Exists(key);
            }

            var stored = Commit(key, value);
            Publish(new StorageEvent(StorageEventType.Added, stored, null));
            return ValueTask.FromResult(stored);
        }
    }

    public ValueTask<StoredObject> UpdateAsync(string key, JsonObject value, long expectedRevision, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var previous = items.GetValueOrDefault(key) ?? throw StorageException.NotFound(key);
            if (previous.Revision != expectedRevision)
            {
                throw StorageException.Conflict(key);
            }

            var stored = Commit(key, value);
            Publish(new StorageEvent(StorageEventType.Modified, stored, previous));
            return ValueTask.FromResult(stored);
        }
    }

    public ValueTask<StoredObject> DeleteAsync(string key, long expectedRevision, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var previous = items.GetValueOrDefault(key) ?? throw StorageException.NotFound(key);
            if (previous.Revision != expectedRevision)
            {
                throw StorageException.Conflict(key);
            }

            items.Remove(key);
            keys.Remove(key);
            revision++;
            var tombstone = new StoredObject(key, ObjectRevision.WithRevision(previous.Value, revision), revision);
            Publish(new StorageEvent(StorageEventType.Deleted, tombstone, previous));
            return ValueTask.FromResult(previous);
        }
    }

    public ValueTask<IStorageWatch> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (afterRevision < compactedRevision)
            {
                throw StorageException.Compacted(afterRevision, compactedRevision + 1);
            }

            var watch = new MemoryWatch(prefix, watchBufferCapacity, Remove);
            foreach (var e in history)
            {
                if (e.Object.Revision > afterRevision && e.Object.Key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    watch.Offer(e);
                }
            }

            watches.Add(watch);
            return ValueTask.FromResult<IStorageWatch>(watch);
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (gate)
        {
            foreach (var w in watches.ToArray())
            {
                w.Dispose();
            }
        }

        return ValueTask.CompletedTask;
    }

    private StoredObject Commit(string key, JsonObject value)
    {
        revision++;
        ObjectRevision.Set(value, revision);
        var stored = new StoredObject(key, value, revision);
        items[key] = stored;
        keys.Add(key);
        return stored;
    }

    private SortedSet<string> KeysUnder(string prefix) =>
        prefix.Length == 0 ? keys : keys.GetViewBetween(prefix, prefix + char.MaxValue);

    private void Publish(StorageEvent e)
    {
        history.AddLast(e);
        while (history.Count > historyCapacity)
        {
            compactedRevision = history.First!.Value.Object.Revision;
            history.RemoveFirst();
        }

        foreach (var w in watches.ToArray())
        {
            if (e.Object.Key.StartsWith(w.Prefix, StringComparison.Ordinal))
            {
                w.Offer(e);
            }
        }
    }

    /// <summary>Reconstructs the items under a prefix as they were at an older revision by undoing later events.</summary>
    private List<StoredObject> StateAt(long at, string prefix)
    {
        if (at < compactedRevision)
        {
            throw StorageException.Compacted(at, compactedRevision + 1);
        }

        var state = new SortedDictionary<string, StoredObject>(StringComparer.Ordinal);
        foreach (var item in items.Values)
        {
            if (item.Key.StartsWith(prefix, StringComparison.Ordinal))
            {
                state[item.Key] = item;
            }
        }

        for (var node = history.Last; node is not null && node.Value.Object.Revision > at; node = node.Previous)
        {
            var e = node.Value;
            if (!e.Object.Key.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (e.Previous is null)
            {
                state.Remove(e.Object.Key);
            }
            else
            {
                state[e.Object.Key] = e.Previous;
            }
        }

        return [.. state.Values];
    }

    private void Remove(MemoryWatch watch)
    {
        lock (gate)
        {
            watches.Remove(watch);
        }
    }
}

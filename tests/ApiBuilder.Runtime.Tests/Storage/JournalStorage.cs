using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ApiBuilder.Runtime.Storage;

namespace ApiBuilder.Runtime.Tests.Storage;

/// <summary>
/// A storage written the way a user of ApiBuilder writes one, against the public <see cref="IStorage"/> contract
/// only: the current objects, an append-only journal of changes (the last <c>keep</c> of them) from which older
/// states are rebuilt and watches are fed, and one revision counter. The conformance suite and a server serving
/// a Kind from it show that the public contract is enough.
/// </summary>
internal sealed class JournalStorage(int keep = 20) : IStorage
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, StoredObject> _current = new(StringComparer.Ordinal);
    private readonly LinkedList<StorageEvent> _journal = new();
    private readonly List<Watch> _watches = [];
    private long _revision;
    private long _forgotten;

    public ValueTask<long> GetCurrentRevisionAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_revision);
        }
    }

    public ValueTask<StoredObject?> GetAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_current.GetValueOrDefault(key));
        }
    }

    public ValueTask<StorageList> ListAsync(string prefix, StorageListRequest request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var at = request.Revision ?? _revision;
            if (at > _revision || at < _forgotten)
            {
                throw StorageException.Compacted(at, _forgotten + 1);
            }

            var state = new SortedDictionary<string, StoredObject>(_current.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(), StringComparer.Ordinal);
            for (var e = _journal.Last; e is not null && e.Value.Object.Revision > at; e = e.Previous)
            {
                // Undo the changes made after the revision asked for.
                if (!e.Value.Object.Key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                if (e.Value.Previous is { } before)
                {
                    state[before.Key] = before;
                }
                else
                {
                    state.Remove(e.Value.Object.Key);
                }
            }

            var matching = state.Values.Where(o => (request.StartKey is null || string.CompareOrdinal(o.Key, request.StartKey) >= 0)
                && (request.Filter is null || request.Filter(o.Value))).ToList();
            var page = request.Limit > 0 ? matching.Take(request.Limit).ToList() : matching;
            var more = page.Count < matching.Count;
            return ValueTask.FromResult(new StorageList(
                page, at, more ? matching[page.Count].Key : null, more && request.Filter is null ? matching.Count - page.Count : null));
        }
    }

    public ValueTask<StoredObject> CreateAsync(string key, JsonObject value, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_current.ContainsKey(key))
            {
                throw StorageException.Exists(key);
            }

            return ValueTask.FromResult(Record(StorageEventType.Added, key, value, null));
        }
    }

    public ValueTask<StoredObject> UpdateAsync(string key, JsonObject value, long expectedRevision, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var old = Expect(key, expectedRevision);
            return ValueTask.FromResult(Record(StorageEventType.Modified, key, value, old));
        }
    }

    public ValueTask<StoredObject> DeleteAsync(string key, long expectedRevision, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // The caller gets the object as it was; watchers get it with the deletion's revision.
            var old = Expect(key, expectedRevision);
            Record(StorageEventType.Deleted, key, old.Value, old);
            return ValueTask.FromResult(old);
        }
    }

    public ValueTask<long> CountAsync(string prefix, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult((long)_current.Keys.Count(k => k.StartsWith(prefix, StringComparison.Ordinal)));
        }
    }

    public ValueTask<IStorageWatch> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (afterRevision < _forgotten)
            {
                throw StorageException.Compacted(afterRevision, _forgotten + 1);
            }

            var watch = new Watch(prefix, this);
            foreach (var e in _journal.Where(e => e.Object.Revision > afterRevision))
            {
                watch.Offer(e);
            }

            _watches.Add(watch);
            return ValueTask.FromResult<IStorageWatch>(watch);
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            foreach (var watch in _watches.ToList())
            {
                watch.Dispose();
            }
        }

        return ValueTask.CompletedTask;
    }

    private StoredObject Expect(string key, long expectedRevision)
    {
        var old = _current.GetValueOrDefault(key) ?? throw StorageException.NotFound(key);
        return old.Revision == expectedRevision ? old : throw StorageException.Conflict(key);
    }

    private StoredObject Record(StorageEventType type, string key, JsonObject value, StoredObject? previous)
    {
        var copy = (JsonObject)value.DeepClone();
        var revision = ++_revision;
        if (copy["metadata"] is not JsonObject metadata)
        {
            copy["metadata"] = metadata = [];
        }

        metadata["resourceVersion"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var stored = new StoredObject(key, copy, revision);
        if (type == StorageEventType.Deleted)
        {
            _current.Remove(key);
        }
        else
        {
            _current[key] = stored;
        }

        var change = new StorageEvent(type, stored, previous);
        _journal.AddLast(change);
        while (_journal.Count > keep)
        {
            _forgotten = _journal.First!.Value.Object.Revision;
            _journal.RemoveFirst();
        }

        foreach (var watch in _watches)
        {
            watch.Offer(change);
        }

        return stored;
    }

    private sealed class Watch(string prefix, JournalStorage owner) : IStorageWatch
    {
        private readonly Channel<StorageEvent> _events = Channel.CreateUnbounded<StorageEvent>();

        public StorageException? TerminationReason => null;

        public void Offer(StorageEvent e)
        {
            if (e.Object.Key.StartsWith(prefix, StringComparison.Ordinal))
            {
                _events.Writer.TryWrite(e);
            }
        }

        public async IAsyncEnumerable<StorageEvent> Events([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var e in _events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }
        }

        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._watches.Remove(this);
            }

            _events.Writer.TryComplete();
        }
    }
}

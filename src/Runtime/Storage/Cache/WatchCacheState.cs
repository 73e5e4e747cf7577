namespace ApiBuilder.Runtime.Storage.Cache;

/// <summary>
/// The cache's copy: every key's current object, the window of recent events and the watchers,
/// all changed under one lock, so a list and a watch started from its revision meet with
/// nothing missing and nothing twice.
/// </summary>
internal sealed class WatchCacheState(CachedStorageOptions options)
{
    private static readonly IComparer<StoredObject> ByKey = Comparer<StoredObject>.Create((a, b) => string.CompareOrdinal(a.Key, b.Key));

    private readonly Lock gate = new();
    private readonly SortedSet<StoredObject> items = new(ByKey);
    private readonly Dictionary<string, StoredObject> byKey = new(StringComparer.Ordinal);
    private readonly Queue<StorageEvent> history = new();
    private readonly List<ChannelWatch> watches = [];
    private TaskCompletionSource advanced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long revision;

    /// <summary>The history holds every event after this revision.</summary>
    private long windowStart;

    private bool ready;

    public bool IsReady
    {
        get
        {
            lock (gate)
            {
                return ready;
            }
        }
    }

    public long Revision
    {
        get
        {
            lock (gate)
            {
                return revision;
            }
        }
    }

    public void Reset(IReadOnlyList<StoredObject> current, long atRevision)
    {
        lock (gate)
        {
            items.Clear();
            byKey.Clear();
            // The list is the cache's own (nobody else has parsed its objects).
            foreach (var item in current)
            {
                items.Add(item);
                byKey[item.Key] = item;
            }

            history.Clear();
            revision = atRevision;
            windowStart = atRevision;
            ready = true;
            Advance();
        }
    }

    public void Apply(StorageEvent e)
    {
        lock (gate)
        {
            if (e.Object.Revision <= revision)
            {
                return;
            }

            if (byKey.Remove(e.Object.Key, out var old))
            {
                items.Remove(old);
            }

            if (e.Type != StorageEventType.Deleted)
            {
                // Watchers parse the event's object; the cache keeps its own unparsed copy.
                var item = e.Object.Unparsed();
                items.Add(item);
                byKey[item.Key] = item;
            }

            history.Enqueue(e);
            while (history.Count > options.HistoryCapacity)
            {
                windowStart = history.Dequeue().Object.Revision;
            }

            revision = e.Object.Revision;
            foreach (var watch in watches)
            {
                if (watch.Wants(e))
                {
                    watch.Offer(e);
                }
            }

            watches.RemoveAll(w => w.IsClosed);
            options.EventDispatched?.Invoke(e);
            Advance();
        }
    }

    /// <summary>The cache missed events: it lists again, and its watchers end so that their clients relist too.</summary>
    public void Invalidate(StorageException reason) => Stop(reason, stillReady: false);

    public void Stop(StorageException reason, bool stillReady = false)
    {
        lock (gate)
        {
            ready = stillReady;
            foreach (var watch in watches)
            {
                watch.Fail(reason.Code == StorageErrorCode.RevisionCompacted
                    ? StorageException.Compacted(watch.LastRevision, reason.CurrentRevision)
                    : reason);
            }

            watches.Clear();
            Advance();
        }
    }

    /// <summary>Waits until the cache is ready and at <paramref name="minimum"/> or newer; false on timeout.</summary>
    public async Task<bool> WaitForRevisionAsync(long minimum, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (ready && revision >= minimum)
                {
                    return true;
                }

                next = advanced.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            try
            {
                await next.WaitAsync(left, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return false;
            }
        }
    }

    /// <summary>Whether the cache is ready and at <paramref name="minimum"/> or newer.</summary>
    public bool IsFresh(long minimum)
    {
        lock (gate)
        {
            return ready && revision >= minimum;
        }
    }

    /// <summary>A page of the cache's copy at its revision; null when it is not ready or older than <paramref name="minimum"/>.</summary>
    public StorageList? TryList(string prefix, StorageListRequest request, long minimum = 0)
    {
        List<StoredObject> snapshot;
        long at;
        lock (gate)
        {
            if (!ready || revision < minimum)
            {
                return null;
            }

            at = revision;
            snapshot = [.. InRange(prefix)];
        }

        // Callers get copies: what they parse is theirs, and the cache keeps bytes.
        return StorageListPager.Page(snapshot, at, request, copies: true);
    }

    /// <summary>A watch served from memory, or null when the revision is older than the window (or the cache is not ready).</summary>
    public ChannelWatch? TryWatch(string prefix, long afterRevision)
    {
        lock (gate)
        {
            if (!ready || afterRevision < windowStart)
            {
                return null;
            }

            var watch = new ChannelWatch(prefix, afterRevision, options.WatchBufferCapacity, Remove);
            foreach (var e in history)
            {
                if (watch.Wants(e))
                {
                    watch.Offer(e);
                }
            }

            watches.Add(watch);
            return watch;
        }
    }

    private IEnumerable<StoredObject> InRange(string prefix)
    {
        if (prefix.Length == 0)
        {
            return items;
        }

        var lower = new StoredObject(prefix, null!, 0);
        if (items.Max is not { } max || ByKey.Compare(lower, max) > 0)
        {
            return [];
        }

        return items.GetViewBetween(lower, max).TakeWhile(i => i.Key.StartsWith(prefix, StringComparison.Ordinal));
    }

    private void Advance()
    {
        advanced.TrySetResult();
        advanced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private void Remove(ChannelWatch watch)
    {
        lock (gate)
        {
            watches.Remove(watch);
        }
    }
}

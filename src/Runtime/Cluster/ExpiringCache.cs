using System.Collections.Concurrent;

namespace ApiBuilder.Runtime.Cluster;

/// <summary>
/// Answers of kube-apiserver (TokenReview, SubjectAccessReview) remembered for a time to live, as the
/// generic apiserver's webhook caches do. Bounded: past <paramref name="capacity"/> entries the
/// expired ones go, and if none has expired the cache starts afresh, so no client can grow it without end.
/// </summary>
internal sealed class ExpiringCache<TKey, TValue>(TimeProvider time, int capacity = 10_000)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, (TValue Value, DateTimeOffset Expires)> _entries = new();

    public bool TryGet(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            if (entry.Expires > time.GetUtcNow())
            {
                value = entry.Value;
                return true;
            }

            _entries.TryRemove(KeyValuePair.Create(key, entry));
        }

        value = default!;
        return false;
    }

    public void Add(TKey key, TValue value, TimeSpan ttl)
    {
        if (ttl <= TimeSpan.Zero)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (_entries.Count >= capacity)
        {
            foreach (var (k, entry) in _entries)
            {
                if (entry.Expires <= now)
                {
                    _entries.TryRemove(KeyValuePair.Create(k, entry));
                }
            }

            if (_entries.Count >= capacity)
            {
                _entries.Clear();
            }
        }

        _entries[key] = (value, now + ttl);
    }
}

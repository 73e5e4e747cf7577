namespace ApiBuilder.Runtime.Storage.Cache;

/// <summary>Settings of <see cref="CachedStorage"/>.</summary>
internal sealed record CachedStorageOptions
{
    /// <summary>Keys the cache holds: one upstream watch covers everything under this prefix.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>Events kept for watches that start at an older revision; older ones go to the backend.</summary>
    public int HistoryCapacity { get; init; } = 10_000;

    /// <summary>Events buffered per watch before a slow watcher is closed.</summary>
    public int WatchBufferCapacity { get; init; } = 10_000;

    /// <summary>How long a cached list waits for the cache to reach a requested revision before it reads the backend.</summary>
    public TimeSpan FreshnessTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a consistent read waits for the cache to reach the backend's newest revision before it reads the backend.</summary>
    public TimeSpan ConsistentReadTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>After a consistent read's wait ran out, how long consistent reads the cache cannot serve at once go straight to the backend.</summary>
    public TimeSpan ConsistentReadBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause before the upstream list and watch are tried again after the backend failed.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A fill from a list of at least this many bytes of JSON is followed by one compacting collection (<see cref="FillCompaction"/>).</summary>
    public long CompactAfterFillBytes { get; init; } = FillCompaction.DefaultThreshold;

    /// <summary>Called for each event the cache applied and offered to its watchers (for metrics); must be quick and not throw.</summary>
    public Action<StorageEvent>? EventDispatched { get; init; }
}

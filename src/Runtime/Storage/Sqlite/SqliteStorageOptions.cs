namespace ApiBuilder.Runtime.Storage.Sqlite;

/// <summary>Settings of <see cref="SqliteStorage"/>.</summary>
internal sealed record SqliteStorageOptions
{
    /// <summary>The database file; its directory is created when missing.</summary>
    public required string Path { get; init; }

    /// <summary>How many revisions of history compaction keeps for watches and reads at older revisions.</summary>
    public long RetainedRevisions { get; init; } = 10_000;

    /// <summary>How often old revisions are compacted; <see cref="Timeout.InfiniteTimeSpan"/> turns automatic compaction off.</summary>
    public TimeSpan CompactionInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often the revision log is read for rows written by other processes on the same file.
    /// Writes of this process are delivered to watches at once.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a write waits for another process holding the write lock before it answers unavailable.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Events buffered per watch before a slow watcher is closed.</summary>
    public int WatchBufferCapacity { get; init; } = 10_000;
}

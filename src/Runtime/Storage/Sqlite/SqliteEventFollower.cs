using ApiBuilder.Runtime.Storage.Cache;
using Microsoft.Data.Sqlite;

namespace ApiBuilder.Runtime.Storage.Sqlite;

/// <summary>
/// Follows the revision log and feeds watches: after every local write, and every poll interval
/// for rows another process wrote to the same file. Rows are delivered in id (revision) order,
/// and a new watch first replays the rows it missed under the same lock, so nothing falls in the
/// gap between replay and live delivery.
/// </summary>
internal sealed class SqliteEventFollower : IAsyncDisposable
{
    private const int BatchSize = 500;

    private readonly SqliteStorage storage;
    private readonly TimeSpan pollInterval;
    private readonly int watchBufferCapacity;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Lock watchesGate = new();
    private readonly List<ChannelWatch> watches = [];
    private readonly SemaphoreSlim wake = new(0, 1);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    /// <summary>Revision up to which every row has been offered to the watches; guarded by <see cref="gate"/>.</summary>
    private long delivered = -1;

    public SqliteEventFollower(SqliteStorage storage, TimeSpan pollInterval, int watchBufferCapacity)
    {
        this.storage = storage;
        this.pollInterval = pollInterval;
        this.watchBufferCapacity = watchBufferCapacity;
        loop = Task.Run(RunAsync);
    }

    /// <summary>Wakes the follower after a local write.</summary>
    public void Notify()
    {
        try
        {
            if (wake.CurrentCount == 0)
            {
                wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    public async ValueTask<IStorageWatch> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var watch = new ChannelWatch(prefix, afterRevision, watchBufferCapacity, Remove);
            storage.Read(prefix, connection =>
            {
                var compacted = SqliteStorage.CompactedRevision(connection);
                if (afterRevision < compacted)
                {
                    throw StorageException.Compacted(afterRevision, compacted + 1);
                }

                if (delivered < 0)
                {
                    delivered = SqliteStorage.CurrentRevision(connection);
                }

                // Rows after the watch's revision that live delivery has already passed.
                using var command = connection.CreateCommand();
                command.CommandText = $"""
                    SELECT {SqliteRows.EventColumns} FROM {SqliteRows.EventJoin}
                    WHERE r.id > $after AND r.id <= $delivered AND {SqliteStorage.PrefixCondition(command, prefix, "r.name")}
                    ORDER BY r.id
                    """;
                command.Parameters.AddWithValue("$after", afterRevision);
                command.Parameters.AddWithValue("$delivered", delivered);
                using var reader = command.ExecuteReader();
                while (reader.Read() && !watch.IsClosed)
                {
                    watch.Offer(SqliteRows.ReadEvent(reader));
                }

                return 0;
            });

            lock (watchesGate)
            {
                watches.Add(watch);
            }

            return watch;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Delivers what is pending and returns the newest revision compaction may remove without
    /// cutting a live watch short (no limit while nobody watches).
    /// </summary>
    public async ValueTask<long> CatchUpAsync(CancellationToken cancellationToken)
    {
        await DeliverAsync(cancellationToken).ConfigureAwait(false);
        lock (watchesGate)
        {
            return watches.Count == 0 ? long.MaxValue : Volatile.Read(ref delivered);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        lock (watchesGate)
        {
            foreach (var watch in watches)
            {
                watch.Fail(new StorageException(StorageErrorCode.Unavailable, watch.Prefix, "storage is shutting down"));
            }

            watches.Clear();
        }

        stopping.Dispose();
    }

    private async Task RunAsync()
    {
        var token = stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await wake.WaitAsync(pollInterval, token).ConfigureAwait(false);
                await DeliverAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (StorageException)
            {
                // Unavailable for now; the next poll tries again and watches keep waiting.
            }
        }
    }

    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ChannelWatch[] targets;
            lock (watchesGate)
            {
                targets = [.. watches];
            }

            var more = true;
            while (more)
            {
                more = storage.Read("", connection => Deliver(connection, targets));
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Offers one batch of new rows; true when more may follow.</summary>
    private bool Deliver(SqliteConnection connection, ChannelWatch[] targets)
    {
        var current = SqliteStorage.CurrentRevision(connection);
        if (targets.Length == 0 || delivered < 0)
        {
            // Nobody listens: a new watch replays from the table itself.
            delivered = current;
            return false;
        }

        if (current <= delivered)
        {
            return false;
        }

        var compacted = SqliteStorage.CompactedRevision(connection);
        if (compacted > delivered)
        {
            // Another process compacted rows not yet delivered here: those watches cannot continue.
            foreach (var watch in targets)
            {
                watch.Fail(StorageException.Compacted(watch.LastRevision, compacted + 1));
            }

            delivered = current;
            return false;
        }

        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SqliteRows.EventColumns} FROM {SqliteRows.EventJoin} WHERE r.id > $after ORDER BY r.id LIMIT {BatchSize}";
        command.Parameters.AddWithValue("$after", delivered);
        using var reader = command.ExecuteReader();
        var count = 0;
        while (reader.Read())
        {
            var e = SqliteRows.ReadEvent(reader);
            foreach (var watch in targets)
            {
                if (watch.Wants(e))
                {
                    watch.Offer(e);
                }
            }

            delivered = e.Object.Revision;
            count++;
        }

        if (count < BatchSize)
        {
            // Revisions can be skipped (a compacted deletion): the table has nothing more up to here.
            delivered = Math.Max(delivered, current);
        }

        return count == BatchSize;
    }

    private void Remove(ChannelWatch watch)
    {
        lock (watchesGate)
        {
            watches.Remove(watch);
        }
    }
}

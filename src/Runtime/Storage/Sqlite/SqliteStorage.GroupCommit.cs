using Microsoft.Data.Sqlite;

namespace ApiBuilder.Runtime.Storage.Sqlite;

/// <summary>
/// Group commit: writes that arrive while another batch is being made durable wait in a queue
/// and are committed together in the next transaction, each with its own revision, so one
/// <c>fsync</c> serves many of them (as etcd batches its log). No write is acknowledged before
/// the transaction holding it has committed; a write refused by its own checks (exists,
/// conflict, not found) is refused alone, while a failure of the transaction fails every write
/// of the batch, none of which is then stored.
/// </summary>
internal sealed partial class SqliteStorage
{
    /// <summary>Most writes in one transaction, to bound how long one commit holds readers of the queue.</summary>
    private const int MaxBatch = 256;

    private readonly Lock queueGate = new();
    private List<PendingWrite> queued = [];
    private bool draining;

    /// <summary>
    /// Runs <paramref name="body"/> in a write transaction, possibly with other writes. The body
    /// must check before it writes: a <see cref="StorageException"/> it throws must leave nothing
    /// written, as the transaction goes on with the other writes.
    /// </summary>
    private async ValueTask<T> WriteAsync<T>(string key, Func<SqliteConnection, T> body, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var write = new PendingWrite<T>(key, body);
        bool lead;
        lock (queueGate)
        {
            queued.Add(write);
            lead = !draining;
            draining = true;
        }

        if (lead)
        {
            await DrainAsync(write.Task).ConfigureAwait(false);
        }

        return await write.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Commits queued writes in batches until the queue is empty; once <paramref name="own"/> (the leading
    /// caller's write) is done, the rest is handed to the thread pool, so no caller waits for later writers.
    /// </summary>
    private async Task DrainAsync(Task? own)
    {
        await writeGate.WaitAsync().ConfigureAwait(false);
        var handedOff = false;
        try
        {
            while (true)
            {
                if (own is { IsCompleted: true })
                {
                    lock (queueGate)
                    {
                        if (queued.Count == 0)
                        {
                            draining = false;
                            return;
                        }
                    }

                    handedOff = true;
                    writeGate.Release();
                    _ = Task.Run(() => DrainAsync(null));
                    return;
                }

                List<PendingWrite> batch;
                lock (queueGate)
                {
                    if (queued.Count == 0)
                    {
                        draining = false;
                        return;
                    }

                    if (queued.Count <= MaxBatch)
                    {
                        batch = queued;
                        queued = [];
                    }
                    else
                    {
                        batch = queued.GetRange(0, MaxBatch);
                        queued.RemoveRange(0, MaxBatch);
                    }
                }

                Commit(batch);
            }
        }
        catch (Exception e)
        {
            // Never leave writers waiting: whatever is still queued fails with the same cause.
            List<PendingWrite> rest;
            lock (queueGate)
            {
                rest = queued;
                queued = [];
                draining = false;
            }

            foreach (var write in rest)
            {
                write.Fail(e);
            }
        }
        finally
        {
            if (!handedOff)
            {
                writeGate.Release();
            }
        }
    }

    private void Commit(List<PendingWrite> batch)
    {
        try
        {
            EnsureInitialized(startup: false);
            writer ??= connections.Open();
            SqliteConnections.Execute(writer, "BEGIN IMMEDIATE");
            try
            {
                foreach (var write in batch)
                {
                    write.Run(writer);
                }

                SqliteConnections.Execute(writer, "COMMIT");
            }
            catch
            {
                SqliteSchema.TryRollback(writer);
                throw;
            }

            writeFailing = false;
        }
        catch (SqliteException e)
        {
            DropConnections();
            foreach (var write in batch)
            {
                write.Fail(Unavailable(write.Key, e));
            }

            return;
        }
        catch (Exception e)
        {
            if (e is StorageException { Code: StorageErrorCode.Unavailable })
            {
                DropConnections();
            }

            foreach (var write in batch)
            {
                write.Fail(e);
            }

            return;
        }

        foreach (var write in batch)
        {
            write.Complete();
        }
    }

    private abstract class PendingWrite(string key)
    {
        public string Key { get; } = key;

        /// <summary>Runs the write in the open transaction; its own refusal is kept for <see cref="Complete"/>.</summary>
        public abstract void Run(SqliteConnection connection);

        /// <summary>Hands the result (or the write's own refusal) to its caller once the transaction committed.</summary>
        public abstract void Complete();

        public abstract void Fail(Exception error);
    }

    private sealed class PendingWrite<T>(string key, Func<SqliteConnection, T> body) : PendingWrite(key)
    {
        private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? result;
        private StorageException? refusal;

        public Task<T> Task => completion.Task;

        public override void Run(SqliteConnection connection)
        {
            try
            {
                result = body(connection);
            }
            catch (StorageException e) when (e.Code != StorageErrorCode.Unavailable)
            {
                refusal = e;
            }
        }

        public override void Complete()
        {
            if (refusal is not null)
            {
                completion.TrySetException(refusal);
            }
            else
            {
                completion.TrySetResult(result!);
            }
        }

        public override void Fail(Exception error) => completion.TrySetException(error);
    }
}

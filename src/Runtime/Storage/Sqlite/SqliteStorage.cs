using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ApiBuilder.Runtime.Storage.Sqlite;

/// <summary>
/// Durable embedded storage in one SQLite file, in the spirit of k3s' kine: every write appends a
/// row whose id is the revision, the current state of a key is its newest row unless that row
/// is a deletion, and compare-and-swap runs in a <c>BEGIN IMMEDIATE</c> transaction. The file is
/// in WAL mode with <c>synchronous=FULL</c>, so a write is on disk before it is acknowledged.
/// Watches are served from the same rows: at once for this process's writes, and by polling for
/// rows written by another process on the same file. Old revisions are compacted in the
/// background; listing or watching from before the compacted revision answers
/// <see cref="StorageErrorCode.RevisionCompacted"/>.
/// </summary>
internal sealed partial class SqliteStorage : IStorage
{
    private readonly SqliteStorageOptions options;
    private readonly SqliteConnections connections;
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private readonly Lock initGate = new();
    private readonly SqliteEventFollower follower;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task compactor;
    private SqliteConnection? writer;
    private volatile bool initialized;
    private volatile bool writeFailing;

    private SqliteStorage(SqliteStorageOptions options)
    {
        this.options = options;
        connections = new SqliteConnections(options.Path, options.BusyTimeout);
        follower = new SqliteEventFollower(this, options.PollInterval, options.WatchBufferCapacity);
        compactor = options.CompactionInterval == Timeout.InfiniteTimeSpan ? Task.CompletedTask : CompactPeriodicallyAsync(stopping.Token);
    }

    public string Path => options.Path;

    /// <summary>
    /// Opens (and on first use creates) the database. A file that is not ApiBuilder storage fails
    /// here, with the file and the fix in the message; a file that cannot be opened or written for
    /// now does not: requests answer <see cref="StorageErrorCode.Unavailable"/> until it can.
    /// </summary>
    /// <exception cref="StorageConfigurationException">The file is foreign, corrupt or from a newer version.</exception>
    public static SqliteStorage Open(SqliteStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var storage = new SqliteStorage(options);
        try
        {
            storage.EnsureInitialized(startup: true);
        }
        catch (StorageException e) when (e.Code == StorageErrorCode.Unavailable)
        {
            // Retried on every request; /readyz reports it meanwhile.
        }
        catch
        {
            storage.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        return storage;
    }

    /// <summary>Null when the database can be read and written; otherwise why not.</summary>
    public async Task<string?> CheckHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ProbeWriteAsync("", connection =>
            {
                if (SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") == 1)
                {
                    throw new StorageException(StorageErrorCode.Unavailable, "", $"storage file {Path} is read-only");
                }

                if (writeFailing)
                {
                    // A write failed before: prove that writing works again (nothing is committed).
                    using var probe = connection.CreateCommand();
                    probe.CommandText = "UPDATE storage_meta SET value = value WHERE key = 'compact_revision'";
                    probe.ExecuteNonQuery();
                }

                return false;
            }, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (StorageException e)
        {
            return e.Message;
        }
    }

    public ValueTask<long> GetCurrentRevisionAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(Read("", CurrentRevision, snapshot: false));

    public async ValueTask DisposeAsync()
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        await follower.DisposeAsync().ConfigureAwait(false);
        try
        {
            await compactor.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        await writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            writer?.Dispose();
            writer = null;
        }
        finally
        {
            writeGate.Release();
        }

        connections.Dispose();
        stopping.Dispose();
    }

    internal static long CurrentRevision(SqliteConnection connection) =>
        SqliteConnections.Command(connection, "SELECT seq FROM sqlite_sequence WHERE name = 'revisions'").ExecuteScalar() is long seq ? seq : 0;

    internal static long CompactedRevision(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM storage_meta WHERE key = 'compact_revision'";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Runs <paramref name="body"/> in a read transaction: one consistent snapshot. A body of one
    /// statement (<paramref name="snapshot"/> false) needs none: a statement reads one snapshot.
    /// </summary>
    internal T Read<T>(string key, Func<SqliteConnection, T> body, bool snapshot = true)
    {
        EnsureInitialized(startup: false);
        SqliteConnection? connection = null;
        var broken = false;
        try
        {
            connection = connections.Rent();
            if (!snapshot)
            {
                return body(connection);
            }

            SqliteConnections.Execute(connection, "BEGIN");
            try
            {
                return body(connection);
            }
            finally
            {
                SqliteSchema.TryRollback(connection);
            }
        }
        catch (SqliteException e)
        {
            broken = true;
            throw Unavailable(key, e);
        }
        finally
        {
            if (connection is not null)
            {
                connections.Return(connection, broken);
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/> alone in a write transaction that is rolled back, serialized
    /// with this process's other writes by a lock and with other processes' by <c>BEGIN IMMEDIATE</c>:
    /// proves that the file can be written.
    /// </summary>
    private async ValueTask<T> ProbeWriteAsync<T>(string key, Func<SqliteConnection, T> body, CancellationToken cancellationToken)
    {
        await writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            EnsureInitialized(startup: false);
            writer ??= connections.Open();
            SqliteConnections.Execute(writer, "BEGIN IMMEDIATE");
            T result;
            try
            {
                result = body(writer);
                SqliteConnections.Execute(writer, "ROLLBACK");
            }
            catch
            {
                SqliteSchema.TryRollback(writer);
                throw;
            }

            writeFailing = false;
            return result;
        }
        catch (SqliteException e)
        {
            DropConnections();
            throw Unavailable(key, e);
        }
        catch (StorageException e) when (e.Code == StorageErrorCode.Unavailable)
        {
            DropConnections();
            throw;
        }
        finally
        {
            writeGate.Release();
        }
    }

    /// <summary>
    /// Reopens every connection next time: one opened read-only while the file could not be
    /// written, or one whose file was replaced, stays that way.
    /// </summary>
    private void DropConnections()
    {
        writer?.Dispose();
        writer = null;
        writeFailing = true;
        connections.DisposeIdle();
    }

    private void EnsureInitialized(bool startup)
    {
        if (initialized)
        {
            return;
        }

        lock (initGate)
        {
            if (initialized)
            {
                return;
            }

            try
            {
                if (System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)) is { Length: > 0 } directory)
                {
                    Directory.CreateDirectory(directory);
                }

                SqliteSchema.CheckFileHeader(Path);
                using var connection = connections.Open();
                SqliteSchema.Ensure(connection, Path);
                initialized = true;
            }
            catch (StorageConfigurationException e) when (!startup)
            {
                // Someone replaced the file while the server was running: refuse, never overwrite.
                throw new StorageException(StorageErrorCode.Unavailable, "", e.Message);
            }
            catch (SqliteException e)
            {
                throw Unavailable("", e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StorageException(StorageErrorCode.Unavailable, "", $"cannot open storage file {Path}: {e.Message}");
            }
        }
    }

    private StorageException Unavailable(string key, SqliteException e) =>
        new(StorageErrorCode.Unavailable, key, $"storage file {Path}: {e.Message}");

    private async Task CompactPeriodicallyAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.CompactionInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var current = await GetCurrentRevisionAsync(cancellationToken).ConfigureAwait(false);
                if (current - options.RetainedRevisions > 0)
                {
                    await CompactAsync(current - options.RetainedRevisions, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (StorageException)
            {
                // Unavailable for now: the next tick tries again.
            }
        }
    }
}

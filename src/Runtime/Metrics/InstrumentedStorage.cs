using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Storage;

namespace ApiBuilder.Runtime.Metrics;

/// <summary>
/// A storage backend with each request timed and counted (<see cref="StorageMetrics"/>), as k8s.io/apiserver's
/// etcd3 store records its etcd requests. Semantic answers (not found, exists, conflict, compacted) are not
/// errors; an unavailable backend or an unexpected exception is. Behind the watch cache (<paramref name="cached"/>),
/// the events of the backend's watches count as received by the cache, its only watcher.
/// </summary>
internal sealed class InstrumentedStorage(IStorage inner, StorageMetrics metrics, bool cached) : IStorage
{
    /// <summary>The storage being measured.</summary>
    public IStorage Inner => inner;

    public async ValueTask<long> GetCurrentRevisionAsync(CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var failed = true;
        try
        {
            var revision = await inner.GetCurrentRevisionAsync(cancellationToken).ConfigureAwait(false);
            failed = false;
            return revision;
        }
        catch (Exception e) when (!IsFailure(e))
        {
            failed = false;
            throw;
        }
        finally
        {
            metrics.Observe(StorageMetrics.Operation.GetCurrentResourceVersion, "", Stopwatch.GetElapsedTime(start).TotalSeconds, failed);
        }
    }

    public ValueTask<StoredObject?> GetAsync(string key, CancellationToken cancellationToken) =>
        TimeAsync(StorageMetrics.Operation.Get, key, Stopwatch.GetTimestamp(), inner.GetAsync(key, cancellationToken));

    public ValueTask<StorageList> ListAsync(string prefix, StorageListRequest request, CancellationToken cancellationToken) =>
        TimeAsync(StorageMetrics.Operation.List, prefix, Stopwatch.GetTimestamp(), inner.ListAsync(prefix, request, cancellationToken));

    public ValueTask<StoredObject> CreateAsync(string key, JsonObject value, CancellationToken cancellationToken) =>
        TimeAsync(StorageMetrics.Operation.Create, key, Stopwatch.GetTimestamp(), inner.CreateAsync(key, value, cancellationToken));

    public ValueTask<StoredObject> UpdateAsync(string key, JsonObject value, long expectedRevision, CancellationToken cancellationToken) =>
        TimeAsync(StorageMetrics.Operation.Update, key, Stopwatch.GetTimestamp(), inner.UpdateAsync(key, value, expectedRevision, cancellationToken));

    public ValueTask<StoredObject> DeleteAsync(string key, long expectedRevision, CancellationToken cancellationToken) =>
        TimeAsync(StorageMetrics.Operation.Delete, key, Stopwatch.GetTimestamp(), inner.DeleteAsync(key, expectedRevision, cancellationToken));

    public ValueTask<long> CountAsync(string prefix, CancellationToken cancellationToken) =>
        TimeAsync(StorageMetrics.Operation.Count, prefix, Stopwatch.GetTimestamp(), inner.CountAsync(prefix, cancellationToken));

    public async ValueTask<IStorageWatch> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken)
    {
        var watch = await inner.WatchAsync(prefix, afterRevision, cancellationToken).ConfigureAwait(false);
        return cached ? new CountedWatch(watch, metrics) : watch;
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    /// <summary>Whether an exception is a failure of the backend rather than an answer (not found, conflict...) or a cancellation.</summary>
    private static bool IsFailure(Exception e) => e switch
    {
        StorageException s => s.Code == StorageErrorCode.Unavailable,
        OperationCanceledException => false,
        _ => true,
    };

    /// <summary>Awaits <paramref name="call"/>, begun at <paramref name="start"/> (taken before the call, so its synchronous part counts).</summary>
    private async ValueTask<T> TimeAsync<T>(StorageMetrics.Operation operation, string key, long start, ValueTask<T> call)
    {
        var failed = true;
        try
        {
            var result = await call.ConfigureAwait(false);
            failed = false;
            return result;
        }
        catch (Exception e) when (!IsFailure(e))
        {
            failed = false;
            throw;
        }
        finally
        {
            metrics.Observe(operation, key, Stopwatch.GetElapsedTime(start).TotalSeconds, failed);
        }
    }

    /// <summary>A backend watch whose events are counted as received by the watch cache.</summary>
    private sealed class CountedWatch(IStorageWatch inner, StorageMetrics metrics) : IStorageWatch
    {
        public StorageException? TerminationReason => inner.TerminationReason;

        public async IAsyncEnumerable<StorageEvent> Events([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var e in inner.Events(cancellationToken).ConfigureAwait(false))
            {
                metrics.EventReceived(e.Object.Key);
                yield return e;
            }
        }

        public void Dispose() => inner.Dispose();
    }
}

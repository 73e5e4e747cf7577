using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Storage.Cache;

/// <summary>
/// The watch cache, as k8s.io/apiserver's cacher: in front of any backend, one upstream list and
/// watch keep an in-memory copy of every key under <see cref="CachedStorageOptions.Prefix"/> and a
/// bounded window of recent events. All watches are served from that copy (one upstream watch
/// however many clients watch); lists that accept a recent state (<c>resourceVersion=0</c>, or
/// <c>NotOlderThan</c>) can be served from it with <see cref="ListCachedAsync"/>. Everything else
/// (reads that must be the newest, reads at an exact revision, writes) goes to the backend.
/// </summary>
/// <remarks>
/// A watch from a revision older than the window is passed to the backend, which answers
/// <see cref="StorageErrorCode.RevisionCompacted"/> when it no longer has it either. When the
/// upstream watch breaks, the cache resumes it from its own revision; only when that revision
/// is gone too does it list again, ending its watchers with
/// <see cref="StorageErrorCode.RevisionCompacted"/> so their clients relist, as kube-apiserver does.
/// </remarks>
internal sealed partial class CachedStorage : IStorage
{
    private readonly IStorage backend;
    private readonly CachedStorageOptions options;
    private readonly WatchCacheState state;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task upstream;

    /// <summary>Until this tick count, consistent reads do not wait for the cache (a wait ran out).</summary>
    private long waitsResumeAt;

    public CachedStorage(IStorage backend, CachedStorageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        this.backend = backend;
        this.options = options ?? new CachedStorageOptions();
        state = new WatchCacheState(this.options);
        upstream = Task.Run(() => FollowAsync(stopping.Token));
    }

    /// <summary>The backend behind the cache.</summary>
    public IStorage Backend => backend;

    /// <summary>Whether the cache holds a complete copy and follows the backend (else cached reads go to the backend).</summary>
    public bool IsReady => state.IsReady;

    /// <summary>The revision the cache has reached; 0 before it is ready.</summary>
    public long Revision => state.Revision;

    public ValueTask<long> GetCurrentRevisionAsync(CancellationToken cancellationToken) => backend.GetCurrentRevisionAsync(cancellationToken);

    public ValueTask<StoredObject?> GetAsync(string key, CancellationToken cancellationToken) => backend.GetAsync(key, cancellationToken);

    public ValueTask<StorageList> ListAsync(string prefix, StorageListRequest request, CancellationToken cancellationToken) =>
        backend.ListAsync(prefix, request, cancellationToken);

    public ValueTask<StoredObject> CreateAsync(string key, JsonObject value, CancellationToken cancellationToken) =>
        backend.CreateAsync(key, value, cancellationToken);

    public ValueTask<StoredObject> UpdateAsync(string key, JsonObject value, long expectedRevision, CancellationToken cancellationToken) =>
        backend.UpdateAsync(key, value, expectedRevision, cancellationToken);

    public ValueTask<StoredObject> DeleteAsync(string key, long expectedRevision, CancellationToken cancellationToken) =>
        backend.DeleteAsync(key, expectedRevision, cancellationToken);

    public ValueTask<long> CountAsync(string prefix, CancellationToken cancellationToken) => backend.CountAsync(prefix, cancellationToken);

    /// <summary>
    /// Lists from memory when the cache has reached <paramref name="minimumRevision"/>:
    /// Kubernetes' <c>resourceVersion=0</c> (pass 0: any state the cache has) and
    /// <c>resourceVersionMatch=NotOlderThan</c> (pass the requested revision). The cache waits a
    /// little for a revision it has not reached, then reads the backend. A request with an exact
    /// <see cref="StorageListRequest.Revision"/> (a continuation) goes to the backend.
    /// </summary>
    public async ValueTask<StorageList> ListCachedAsync(string prefix, StorageListRequest request, long minimumRevision, CancellationToken cancellationToken)
    {
        if (request.Revision is null && Covers(prefix)
            && await state.WaitForRevisionAsync(minimumRevision, options.FreshnessTimeout, cancellationToken).ConfigureAwait(false)
            && state.TryList(prefix, request) is { } list)
        {
            return list;
        }

        return await backend.ListAsync(prefix, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A consistent list (Kubernetes' <c>resourceVersion=""</c>) served from memory, as
    /// kube-apiserver's ConsistentListFromCache: <paramref name="currentRevision"/> is the backend's
    /// newest revision, read after the request began, so once the cache has reached it every write
    /// acknowledged before the request is in the cache. The cache waits for it at most
    /// <see cref="CachedStorageOptions.ConsistentReadTimeout"/>, then reads the backend. A first page
    /// (a limit, no continuation) is cut from memory too; its continuation names the revision the
    /// page was read at, which the backend serves exactly.
    /// </summary>
    /// <remarks>
    /// The cache follows only keys under its prefix; when the backend's newest revision is a write
    /// elsewhere (another tenant of the same etcd), no event brings the cache to it. After such a
    /// wait runs out, consistent reads that would have to wait go to the backend for
    /// <see cref="CachedStorageOptions.ConsistentReadBackoff"/>, so one slow read is paid per period,
    /// not one per request.
    /// </remarks>
    public async ValueTask<StorageList> ListConsistentAsync(string prefix, StorageListRequest request, long currentRevision, CancellationToken cancellationToken)
    {
        if (request.Revision is null && request.StartKey is null && Covers(prefix)
            && await WaitFreshAsync(currentRevision, cancellationToken).ConfigureAwait(false)
            && state.TryList(prefix, request, currentRevision) is { } list)
        {
            return list;
        }

        return await backend.ListAsync(prefix, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the cache has reached <paramref name="revision"/>, waiting for it within the consistent-read bounds.</summary>
    private async ValueTask<bool> WaitFreshAsync(long revision, CancellationToken cancellationToken)
    {
        if (state.IsFresh(revision))
        {
            return true;
        }

        if (Environment.TickCount64 < Volatile.Read(ref waitsResumeAt))
        {
            return false;
        }

        if (await state.WaitForRevisionAsync(revision, options.ConsistentReadTimeout, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        Volatile.Write(ref waitsResumeAt, Environment.TickCount64 + (long)options.ConsistentReadBackoff.TotalMilliseconds);
        return false;
    }

    /// <summary>Watches from memory; a revision older than the cache's window is watched on the backend.</summary>
    public ValueTask<IStorageWatch> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken) =>
        Covers(prefix) && state.TryWatch(prefix, afterRevision) is { } watch
            ? ValueTask.FromResult<IStorageWatch>(watch)
            : backend.WatchAsync(prefix, afterRevision, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await upstream.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        state.Stop(new StorageException(StorageErrorCode.Unavailable, options.Prefix, "storage is shutting down"));
        await backend.DisposeAsync().ConfigureAwait(false);
        stopping.Dispose();
    }

    private bool Covers(string prefix) => prefix.StartsWith(options.Prefix, StringComparison.Ordinal);

    /// <summary>List once, then follow the upstream watch, resuming it from the cache's revision when it breaks.</summary>
    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var delay = TimeSpan.Zero;
            try
            {
                if (!state.IsReady)
                {
                    var list = await backend.ListAsync(options.Prefix, new StorageListRequest(), cancellationToken).ConfigureAwait(false);
                    state.Reset(list.Items, list.Revision);
                    FillCompaction.AfterFill(list.Items, options.CompactAfterFillBytes);
                }

                using var watch = await backend.WatchAsync(options.Prefix, state.Revision, cancellationToken).ConfigureAwait(false);
                await foreach (var e in watch.Events(cancellationToken).ConfigureAwait(false))
                {
                    state.Apply(e);
                }

                if (watch.TerminationReason is { Code: StorageErrorCode.RevisionCompacted } reason)
                {
                    state.Invalidate(reason);
                }
                else
                {
                    delay = options.RetryDelay / 10;
                }
            }
            catch (StorageException e) when (e.Code == StorageErrorCode.RevisionCompacted)
            {
                // The revision the cache stands at is gone: list again; watchers must relist too.
                state.Invalidate(e);
            }
            catch (StorageException)
            {
                // Backend unavailable: keep what we have and try again.
                delay = options.RetryDelay;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Storage.Etcd;

/// <summary>
/// Storage in etcd v3, spoken over etcd's gRPC API (or its JSON gateway): values are the objects' JSON, the
/// revision of an object is its <c>mod_revision</c> and the revision of the store is etcd's
/// header revision (one counter for all keys, as the contract wants). Creates compare
/// <c>create_revision == 0</c>, updates and deletes compare <c>mod_revision</c>, each in one
/// transaction. Several servers can share one etcd; each sees the others' writes in its watches.
/// </summary>
internal sealed partial class EtcdStorage : IStorage
{
    private readonly EtcdStorageOptions options;
    private readonly IEtcdClient client;
    private readonly EtcdKeys keys;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task compactor;
    private readonly Lock watchesGate = new();
    private readonly HashSet<EtcdWatch> watches = [];

    public EtcdStorage(EtcdStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        client = options.Client == EtcdClientKind.Json ? new EtcdClient(options) : new EtcdGrpcClient(options);
        keys = new EtcdKeys(options.Root, options.Prefix);
        compactor = options.CompactionInterval == Timeout.InfiniteTimeSpan ? Task.CompletedTask : CompactPeriodicallyAsync(stopping.Token);
    }

    internal IEtcdClient Client => client;

    /// <summary>Null when a member answers with a leader; otherwise why not.</summary>
    public async Task<string?> CheckHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            // A linearizable read needs a leader and a quorum, like a write.
            await GetCurrentRevisionAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (StorageException e)
        {
            return e.Message;
        }
    }

    public async ValueTask<long> GetCurrentRevisionAsync(CancellationToken cancellationToken)
    {
        var key = keys.ToEtcd(options.Root);
        var response = await client.RangeAsync(new RangeRequest(key, Limit: 1, CountOnly: true), cancellationToken).ConfigureAwait(false);
        return Revision(response.Header);
    }

    public async ValueTask<StoredObject?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var response = await client.RangeAsync(new RangeRequest(keys.ToEtcd(key)), cancellationToken).ConfigureAwait(false);
        return response.Kvs is [var kv, ..] ? Decode(key, kv.Value, kv.ModRevision) : null;
    }

    public async ValueTask<long> CountAsync(string prefix, CancellationToken cancellationToken)
    {
        var start = keys.ToEtcd(prefix);
        var response = await client.RangeAsync(new RangeRequest(start, EtcdKeys.RangeEnd(start), CountOnly: true), cancellationToken).ConfigureAwait(false);
        return response.Count;
    }

    public async ValueTask<StoredObject> CreateAsync(string key, JsonObject value, CancellationToken cancellationToken)
    {
        var etcdKey = keys.ToEtcd(key);
        var txn = new TxnRequest(
            [new Compare(etcdKey, "CREATE", CreateRevision: 0)],
            [new RequestOp(RequestPut: new PutRequest(etcdKey, StoredValues.Encode(value)))]);
        var response = await client.TxnAsync(txn, cancellationToken).ConfigureAwait(false);
        if (!response.Succeeded)
        {
            throw StorageException.Exists(key);
        }

        return Committed(key, value, Revision(response.Header));
    }

    public async ValueTask<StoredObject> UpdateAsync(string key, JsonObject value, long expectedRevision, CancellationToken cancellationToken)
    {
        var etcdKey = keys.ToEtcd(key);
        var txn = new TxnRequest(
            [new Compare(etcdKey, "MOD", ModRevision: expectedRevision)],
            [new RequestOp(RequestPut: new PutRequest(etcdKey, StoredValues.Encode(value)))],
            [new RequestOp(RequestRange: new RangeRequest(etcdKey))]);
        var response = await client.TxnAsync(txn, cancellationToken).ConfigureAwait(false);
        if (!response.Succeeded)
        {
            throw CompareFailed(key, response);
        }

        return Committed(key, value, Revision(response.Header));
    }

    public async ValueTask<StoredObject> DeleteAsync(string key, long expectedRevision, CancellationToken cancellationToken)
    {
        var etcdKey = keys.ToEtcd(key);
        var txn = new TxnRequest(
            [new Compare(etcdKey, "MOD", ModRevision: expectedRevision)],
            [new RequestOp(RequestDeleteRange: new DeleteRangeRequest(etcdKey, PrevKv: true))],
            [new RequestOp(RequestRange: new RangeRequest(etcdKey))]);
        var response = await client.TxnAsync(txn, cancellationToken).ConfigureAwait(false);
        if (!response.Succeeded)
        {
            throw CompareFailed(key, response);
        }

        var previous = response.Responses?.FirstOrDefault()?.ResponseDeleteRange?.PrevKvs?.FirstOrDefault()
            ?? throw new StorageException(StorageErrorCode.Unavailable, key, $"etcd did not return the deleted value of {key}");
        return Decode(key, previous.Value, previous.ModRevision);
    }

    public async ValueTask<IStorageWatch> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken)
    {
        var watch = await EtcdWatch.StartAsync(this, keys, options, prefix, afterRevision, Forget, cancellationToken).ConfigureAwait(false);
        lock (watchesGate)
        {
            watches.Add(watch);
        }

        return watch;
    }

    /// <summary>Compacts etcd's history up to <paramref name="revision"/> (for every key in the cluster, as etcd does).</summary>
    public async ValueTask CompactAsync(long revision, CancellationToken cancellationToken)
    {
        try
        {
            await client.CompactAsync(revision, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException e) when (e.Code == StorageErrorCode.RevisionCompacted)
        {
            // Someone (another server sharing this etcd) compacted further already.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await compactor.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        EtcdWatch[] open;
        lock (watchesGate)
        {
            open = [.. watches];
        }

        foreach (var watch in open)
        {
            await watch.StopAsync(new StorageException(StorageErrorCode.Unavailable, watch.Prefix, "storage is shutting down")).ConfigureAwait(false);
        }

        client.Dispose();
        stopping.Dispose();
    }

    private void Forget(EtcdWatch watch)
    {
        lock (watchesGate)
        {
            watches.Remove(watch);
        }
    }

    internal StoredObject Decode(string key, byte[]? value, long revision) => StoredValues.Decode(key, value, revision, "etcd");

    private static long Revision(ResponseHeader? header) =>
        header?.Revision ?? throw new StorageException(StorageErrorCode.Unavailable, "", "etcd answered without a revision header");

    private static StoredObject Committed(string key, JsonObject value, long revision)
    {
        ObjectRevision.Set(value, revision);
        return new StoredObject(key, value, revision);
    }

    private static StorageException CompareFailed(string key, TxnResponse response) =>
        response.Responses?.FirstOrDefault()?.ResponseRange?.Kvs is { Length: > 0 }
            ? StorageException.Conflict(key)
            : StorageException.NotFound(key);

    private async Task CompactPeriodicallyAsync(CancellationToken cancellationToken)
    {
        // As kube-apiserver: every interval, compact to the revision seen one interval ago, so at
        // least one interval of history stays for watches that resume.
        using var timer = new PeriodicTimer(options.CompactionInterval);
        long previous = 0;
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                if (previous > 0)
                {
                    await CompactAsync(previous, cancellationToken).ConfigureAwait(false);
                }

                previous = await GetCurrentRevisionAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException)
            {
                // etcd unavailable now: the next tick tries again.
            }
        }
    }
}

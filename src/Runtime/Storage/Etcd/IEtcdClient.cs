namespace ApiBuilder.Runtime.Storage.Etcd;

/// <summary>
/// What the etcd storage needs of etcd's v3 API, whatever carries it: the KV calls, compaction,
/// status and watch streams, with failover between members. Failures are
/// <see cref="StorageException"/>s (<see cref="EtcdErrors"/>): a compacted or future revision is
/// <see cref="StorageErrorCode.RevisionCompacted"/>, a value over etcd's limit
/// <see cref="StorageErrorCode.TooLarge"/>, everything else <see cref="StorageErrorCode.Unavailable"/>.
/// A read is tried on each member in turn; a write whose outcome is unknown is not repeated.
/// </summary>
/// <remarks>
/// <see cref="EtcdGrpcClient"/> speaks etcd's gRPC API, as kube-apiserver does (the default);
/// <see cref="EtcdClient"/> speaks its JSON gateway (<c>--etcd-client json</c>).
/// </remarks>
internal interface IEtcdClient : IDisposable
{
    /// <summary>The member tried first.</summary>
    Uri PreferredServer { get; }

    Task<RangeResponse> RangeAsync(RangeRequest request, CancellationToken cancellationToken);

    Task<TxnResponse> TxnAsync(TxnRequest request, CancellationToken cancellationToken);

    Task CompactAsync(long revision, CancellationToken cancellationToken);

    Task<StatusResponse> StatusAsync(CancellationToken cancellationToken);

    /// <summary>Opens a watch on the first member that accepts it; the caller reads its responses and disposes it.</summary>
    Task<IEtcdWatchStream> WatchAsync(WatchCreateRequest request, CancellationToken cancellationToken);
}

/// <summary>One open etcd watch.</summary>
internal interface IEtcdWatchStream : IDisposable
{
    /// <summary>
    /// The next response; null when etcd closed the stream. A broken stream throws
    /// <see cref="StorageException"/> (<see cref="StorageErrorCode.Unavailable"/>) or an I/O error.
    /// </summary>
    Task<WatchResponse?> ReadAsync(CancellationToken cancellationToken);
}

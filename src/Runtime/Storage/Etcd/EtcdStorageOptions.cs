namespace ApiBuilder.Runtime.Storage.Etcd;

/// <summary>Settings of <see cref="EtcdStorage"/>.</summary>
internal sealed record EtcdStorageOptions
{
    /// <summary>Client URLs of the etcd members (<c>--etcd-servers</c>); requests fail over between them.</summary>
    public required IReadOnlyList<Uri> Servers { get; init; }

    /// <summary>
    /// Where keys live in etcd (<c>--etcd-prefix</c>): storage keys under <see cref="Root"/> are
    /// stored under this prefix instead, so the default <c>/registry</c> lays keys out as
    /// kube-apiserver does (<c>/registry/&lt;group&gt;/&lt;resource&gt;/...</c>).
    /// </summary>
    public string Prefix { get; init; } = "/registry";

    /// <summary>The part of every storage key that <see cref="Prefix"/> replaces; the registry's keys start with <c>/registry</c>.</summary>
    public string Root { get; init; } = "/registry";

    /// <summary>CA bundle (PEM) that signs the members' serving certificates (<c>--etcd-cafile</c>); the system's roots when unset.</summary>
    public string? CaFile { get; init; }

    /// <summary>Client certificate (PEM) presented to etcd (<c>--etcd-certfile</c>).</summary>
    public string? CertFile { get; init; }

    /// <summary>Private key (PEM) of <see cref="CertFile"/> (<c>--etcd-keyfile</c>).</summary>
    public string? KeyFile { get; init; }

    /// <summary>Time limit of one request to one member.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Keys fetched per range request when a list with a limit and a filter is read in pages (a list without a limit is one range).</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>
    /// How often history is compacted (kube-apiserver's <c>--etcd-compaction-interval</c>): each
    /// time, to the revision seen at the previous time. <see cref="Timeout.InfiniteTimeSpan"/> leaves compaction to others.
    /// </summary>
    public TimeSpan CompactionInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a watch keeps trying to reconnect while no member answers before it ends as unavailable.</summary>
    public TimeSpan WatchReconnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Events buffered per watch before a slow watcher is closed.</summary>
    public int WatchBufferCapacity { get; init; } = 10_000;

    /// <summary>How the storage talks to etcd (<c>--etcd-client</c>): its gRPC API (the default, as kube-apiserver) or its JSON gateway.</summary>
    public EtcdClientKind Client { get; init; } = EtcdClientKind.Grpc;
}

/// <summary>Which of etcd's APIs the storage speaks.</summary>
internal enum EtcdClientKind
{
    /// <summary>etcd's gRPC API over HTTP/2 (<see cref="EtcdGrpcClient"/>).</summary>
    Grpc,

    /// <summary>etcd's JSON gateway, <c>POST /v3/...</c> over HTTP/1.1 with values in base64 (<see cref="EtcdClient"/>).</summary>
    Json,
}

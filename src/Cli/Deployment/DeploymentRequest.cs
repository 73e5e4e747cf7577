namespace ApiBuilder.Cli.Deployment;

/// <summary>What <c>build config</c> is asked to deploy: the flags it shares with <c>run in-cluster</c>, validated.</summary>
internal sealed record DeploymentRequest
{
    public required string Name { get; init; }

    public required string Namespace { get; init; }

    public required string Image { get; init; }

    public int Replicas { get; init; } = 1;

    public StorageKind Storage { get; init; } = StorageKind.Sqlite;

    public int EtcdReplicas { get; init; } = 1;

    public IReadOnlyList<string> ApiServerArgs { get; init; } = [];

    public IReadOnlyList<string> ImagePullSecrets { get; init; } = [];

    /// <summary><c>--service-account</c>; the server's ServiceAccount is <see cref="Name"/> when it is not given.</summary>
    public string? ServiceAccount { get; init; }

    public string? StorageClass { get; init; }

    /// <summary><c>--controller-manager</c>: the controllers run in a Deployment of their own, not in the server's pods.</summary>
    public bool ControllerManager { get; init; }

    /// <summary><c>--controller-manager-replicas</c>: pods of that Deployment (one leads at a time).</summary>
    public int ControllerManagerReplicas { get; init; } = 1;

    /// <summary>The output folder (absolute).</summary>
    public required string Output { get; init; }

    public string ServiceAccountName => ServiceAccount ?? Name;
}

/// <summary>Where the deployed server keeps its objects.</summary>
internal enum StorageKind
{
    /// <summary>The embedded SQLite database on a PersistentVolumeClaim: one replica.</summary>
    Sqlite,

    /// <summary>An etcd StatefulSet deployed beside the server: any number of replicas.</summary>
    Etcd,
}

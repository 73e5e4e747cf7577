namespace ApiBuilder.Runtime.Objects;

/// <summary>
/// <c>metav1.ObjectMeta</c>: the metadata every object carries. JSON names are Kubernetes' own
/// (<c>generateName</c>, <c>resourceVersion</c>, <c>ownerReferences</c>, ...). Fields the
/// server owns (uid, resourceVersion, generation, timestamps) are set by the server and ignored
/// when a client sends them on create.
/// </summary>
public sealed class ObjectMeta
{
    /// <summary>Name, unique in the namespace (or the cluster for cluster-scoped Kinds).</summary>
    public string? Name { get; set; }

    /// <summary>Prefix the server completes into a unique <see cref="Name"/> when no name is given.</summary>
    public string? GenerateName { get; set; }

    /// <summary>Namespace; null for cluster-scoped Kinds.</summary>
    public string? Namespace { get; set; }

    /// <summary>Unique id assigned by the server at creation.</summary>
    public string? Uid { get; set; }

    /// <summary>Opaque version for optimistic concurrency and watches.</summary>
    public string? ResourceVersion { get; set; }

    /// <summary>Sequence number of changes to the desired state (everything but metadata and status).</summary>
    public long? Generation { get; set; }

    /// <summary>When the object was created.</summary>
    public DateTimeOffset? CreationTimestamp { get; set; }

    /// <summary>When deletion was requested, while finalizers remain.</summary>
    public DateTimeOffset? DeletionTimestamp { get; set; }

    /// <summary>Seconds allowed for graceful termination once <see cref="DeletionTimestamp"/> is set.</summary>
    public long? DeletionGracePeriodSeconds { get; set; }

    /// <summary>Labels, matched by label selectors.</summary>
    public Dictionary<string, string> Labels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Annotations: arbitrary non-identifying data.</summary>
    public Dictionary<string, string> Annotations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Finalizers that must be removed before the object is deleted.</summary>
    public List<string> Finalizers { get; set; } = [];

    /// <summary>Objects this object depends on, for garbage collection.</summary>
    public List<OwnerReference> OwnerReferences { get; set; } = [];
}

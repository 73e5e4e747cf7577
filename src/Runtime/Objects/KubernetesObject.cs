namespace ApiBuilder.Runtime.Objects;

/// <summary>
/// Base of every typed Kind: <c>apiVersion</c>, <c>kind</c> and <c>metadata</c>. The source
/// generator makes each <see cref="Resources.KindAttribute"/> class derive from it and fixes
/// <see cref="ApiVersion"/> and <see cref="Kind"/>; the class adds <c>Spec</c> and <c>Status</c>.
/// </summary>
public abstract class KubernetesObject
{
    /// <summary><c>group/version</c> of the Kind, e.g. <c>wardle.example.com/v1alpha1</c>.</summary>
    public abstract string ApiVersion { get; }

    /// <summary>Kind name, e.g. <c>Flunder</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>Standard object metadata: name, namespace, labels, resourceVersion, ...</summary>
    public ObjectMeta Metadata { get; set; } = new();
}

namespace ApiBuilder.Runtime.Resources;

/// <summary>
/// Serves the <c>scale</c> subresource for this Kind, as a CRD's <c>subresources.scale</c>.
/// Requires <see cref="StatusSubresourceAttribute"/>, since the observed replica count lives in status.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ScaleSubresourceAttribute : Attribute
{
    /// <summary>Declares the scale subresource.</summary>
    /// <param name="specReplicasPath">JSONPath of the desired replicas under <c>.spec</c>, e.g. <c>.spec.replicas</c>.</param>
    /// <param name="statusReplicasPath">JSONPath of the observed replicas under <c>.status</c>, e.g. <c>.status.replicas</c>.</param>
    public ScaleSubresourceAttribute(string specReplicasPath, string statusReplicasPath)
    {
        SpecReplicasPath = specReplicasPath;
        StatusReplicasPath = statusReplicasPath;
    }

    /// <summary>JSONPath of the desired replicas, e.g. <c>.spec.replicas</c>.</summary>
    public string SpecReplicasPath { get; }

    /// <summary>JSONPath of the observed replicas, e.g. <c>.status.replicas</c>.</summary>
    public string StatusReplicasPath { get; }

    /// <summary>Optional JSONPath of the serialized label selector under <c>.status</c>, e.g. <c>.status.selector</c>.</summary>
    public string? LabelSelectorPath { get; set; }
}

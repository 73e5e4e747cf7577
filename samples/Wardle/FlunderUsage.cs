using ApiBuilder.Runtime.Resources;

namespace Wardle;

/// <summary>
/// FlunderUsage is computed, not stored: one per Flunder, read-only, worked out on each request from the
/// Flunders and Fischers the server stores, as metrics-server computes PodMetrics. See <see cref="FlunderUsageStorage"/>.
/// </summary>
[Kind("wardle.example.com", "v1alpha1", ShortNames = ["flu"], Categories = ["wardle"])]
[PrinterColumn("Referenced-By", ".usage.referencedBy", Type = "integer", Description = "How many Flunders refer to this one.")]
[PrinterColumn("Reference-Found", ".usage.referenceFound", Type = "boolean", Description = "Whether the object this Flunder refers to exists.")]
[Storage(typeof(FlunderUsageStorage))]
public partial class FlunderUsage
{
    public FlunderUsageValues Usage { get; set; } = new();
}

/// <summary>What a Flunder's usage is made of.</summary>
public sealed class FlunderUsageValues
{
    /// <summary>How many Flunders in the same namespace refer to this one (<c>spec.reference</c> with type Flunder).</summary>
    public int ReferencedBy { get; set; }

    /// <summary>Whether the Flunder or Fischer this Flunder refers to exists; false when it refers to nothing.</summary>
    public bool ReferenceFound { get; set; }
}

using System.ComponentModel.DataAnnotations;

namespace Wardle;

/// <summary>FlunderStatus is the observed state of a Flunder, written through the status subresource.</summary>
public sealed class FlunderStatus
{
    /// <summary>A one-word summary of where the Flunder is in its lifecycle.</summary>
    public string? Phase { get; set; }

    /// <summary>The metadata.generation the status was computed from.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Latest observations of the Flunder's state.</summary>
    public List<Condition>? Conditions { get; set; }
}

// One observation of a Flunder's state (metav1.Condition's fields). No XML summary on purpose:
// the list's own description documents the items, as in the sample-apiserver's schema.
public sealed class Condition
{
    /// <summary>Type of the condition, e.g. Ready.</summary>
    [Required]
    public string Type { get; set; } = "";

    /// <summary>Status of the condition: True, False or Unknown.</summary>
    [Required]
    public ConditionStatus Status { get; set; }

    /// <summary>One-word CamelCase reason for the last transition.</summary>
    public string? Reason { get; set; }

    /// <summary>Human-readable details of the last transition.</summary>
    public string? Message { get; set; }

    /// <summary>When the condition last changed status.</summary>
    public DateTimeOffset? LastTransitionTime { get; set; }
}

// Whether a condition holds.
public enum ConditionStatus
{
    True,
    False,
    Unknown,
}

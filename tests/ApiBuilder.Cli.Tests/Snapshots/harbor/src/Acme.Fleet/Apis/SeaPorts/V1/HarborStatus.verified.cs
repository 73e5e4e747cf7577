namespace Acme.Fleet.Apis.SeaPorts.V1;

/// <summary>HarborStatus is the observed state of a Harbor.</summary>
public sealed partial class HarborStatus
{
    /// <summary>A one-word summary of where the Harbor is in its lifecycle.</summary>
    public string? Phase { get; set; }

    /// <summary>The metadata.generation this status was computed from.</summary>
    public long? ObservedGeneration { get; set; }
}

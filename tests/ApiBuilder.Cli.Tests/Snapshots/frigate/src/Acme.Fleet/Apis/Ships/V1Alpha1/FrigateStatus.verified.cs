namespace Acme.Fleet.Apis.Ships.V1Alpha1;

/// <summary>FrigateStatus is the observed state of a Frigate, written through the status subresource.</summary>
public sealed partial class FrigateStatus
{
    /// <summary>A one-word summary of where the Frigate is in its lifecycle.</summary>
    public string? Phase { get; set; }

    /// <summary>The metadata.generation this status was computed from.</summary>
    public long? ObservedGeneration { get; set; }
}

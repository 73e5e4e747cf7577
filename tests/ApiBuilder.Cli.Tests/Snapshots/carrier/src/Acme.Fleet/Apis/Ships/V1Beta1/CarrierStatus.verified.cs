namespace Acme.Fleet.Apis.Ships.V1Beta1;

/// <summary>CarrierStatus is the observed state of a Carrier, written through the status subresource.</summary>
public sealed partial class CarrierStatus
{
    /// <summary>A one-word summary of where the Carrier is in its lifecycle.</summary>
    public string? Phase { get; set; }

    /// <summary>The metadata.generation this status was computed from.</summary>
    public long? ObservedGeneration { get; set; }
}

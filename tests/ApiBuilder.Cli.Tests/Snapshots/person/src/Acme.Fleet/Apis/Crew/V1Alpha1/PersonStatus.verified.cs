namespace Acme.Fleet.Apis.Crew.V1Alpha1;

/// <summary>PersonStatus is the observed state of a Person.</summary>
public sealed partial class PersonStatus
{
    /// <summary>A one-word summary of where the Person is in its lifecycle.</summary>
    public string? Phase { get; set; }

    /// <summary>The metadata.generation this status was computed from.</summary>
    public long? ObservedGeneration { get; set; }
}

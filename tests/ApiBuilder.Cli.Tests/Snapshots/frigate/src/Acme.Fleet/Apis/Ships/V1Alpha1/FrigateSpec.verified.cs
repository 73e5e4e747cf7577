using System.ComponentModel.DataAnnotations;

namespace Acme.Fleet.Apis.Ships.V1Alpha1;

/// <summary>FrigateSpec is the desired state of a Frigate.</summary>
public sealed partial class FrigateSpec
{
    /// <summary>What this Frigate is for. An example field: replace it with the fields your API needs.</summary>
    [MaxLength(256)]
    public string? Description { get; set; }
}

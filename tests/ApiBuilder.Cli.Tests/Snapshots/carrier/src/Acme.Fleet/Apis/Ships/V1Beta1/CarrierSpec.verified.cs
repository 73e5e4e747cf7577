using System.ComponentModel.DataAnnotations;

namespace Acme.Fleet.Apis.Ships.V1Beta1;

/// <summary>CarrierSpec is the desired state of a Carrier.</summary>
public sealed partial class CarrierSpec
{
    /// <summary>What this Carrier is for. An example field: replace it with the fields your API needs.</summary>
    [MaxLength(256)]
    public string? Description { get; set; }
}

using System.ComponentModel.DataAnnotations;

namespace Acme.Fleet.Apis.SeaPorts.V1;

/// <summary>HarborSpec is the desired state of a Harbor.</summary>
public sealed partial class HarborSpec
{
    /// <summary>What this Harbor is for. An example field: replace it with the fields your API needs.</summary>
    [MaxLength(256)]
    public string? Description { get; set; }
}

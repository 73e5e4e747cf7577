using System.ComponentModel.DataAnnotations;

namespace Acme.Fleet.Apis.Crew.V1Alpha1;

/// <summary>PersonSpec is the desired state of a Person.</summary>
public sealed partial class PersonSpec
{
    /// <summary>What this Person is for. An example field: replace it with the fields your API needs.</summary>
    [MaxLength(256)]
    public string? Description { get; set; }
}

// Written by apiserver-boot from .apibuilder/project.json, and written again whenever a command
// changes this Kind (a version, a subresource, the scope, short names). Do not edit it: your code
// goes in Carrier.cs, CarrierSpec.cs and CarrierStatus.cs, whose edits apiserver-boot never overwrites.
using ApiBuilder.Runtime.Resources;

namespace Acme.Fleet.Apis.Ships.V1Beta1;

[Kind("ships.example.com", "v1beta1")]
[StorageVersion]
[StatusSubresource]
[ScaleSubresource(".spec.replicas", ".status.replicas")]
public partial class Carrier
{
    /// <summary>The desired state of the Carrier.</summary>
    public CarrierSpec Spec { get; set; } = new();

    /// <summary>The observed state of the Carrier.</summary>
    public CarrierStatus? Status { get; set; }
}

public partial class CarrierSpec
{
    /// <summary>Desired number of replicas; kubectl scale and autoscalers set it through the scale subresource.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, int.MaxValue)]
    public int? Replicas { get; set; }
}

public partial class CarrierStatus
{
    /// <summary>Observed number of replicas.</summary>
    public int? Replicas { get; set; }
}

// Written by apiserver-boot from .apibuilder/project.json, and written again whenever a command
// changes this Kind (a version, a subresource, the scope, short names). Do not edit it: your code
// goes in Carrier.cs, CarrierSpec.cs and CarrierStatus.cs, whose edits apiserver-boot never overwrites.
using ApiBuilder.Runtime.Resources;

namespace Acme.Fleet.Apis.Ships.V1;

[Kind("ships.example.com", "v1")]
[StatusSubresource]
public partial class Carrier
{
    /// <summary>The desired state of the Carrier.</summary>
    public CarrierSpec Spec { get; set; } = new();

    /// <summary>The observed state of the Carrier.</summary>
    public CarrierStatus? Status { get; set; }
}

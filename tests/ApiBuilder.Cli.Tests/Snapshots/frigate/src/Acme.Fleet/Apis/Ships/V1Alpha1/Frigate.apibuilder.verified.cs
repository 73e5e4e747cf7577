// Written by apiserver-boot from .apibuilder/project.json, and written again whenever a command
// changes this Kind (a version, a subresource, the scope, short names). Do not edit it: your code
// goes in Frigate.cs, FrigateSpec.cs and FrigateStatus.cs, whose edits apiserver-boot never overwrites.
using ApiBuilder.Runtime.Resources;

namespace Acme.Fleet.Apis.Ships.V1Alpha1;

[Kind("ships.example.com", "v1alpha1", ShortNames = ["fr", "frg"])]
[StatusSubresource]
public partial class Frigate
{
    /// <summary>The desired state of the Frigate.</summary>
    public FrigateSpec Spec { get; set; } = new();

    /// <summary>The observed state of the Frigate.</summary>
    public FrigateStatus? Status { get; set; }
}

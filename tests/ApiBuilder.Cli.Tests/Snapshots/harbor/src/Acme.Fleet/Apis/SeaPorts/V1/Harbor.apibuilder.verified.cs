// Written by apiserver-boot from .apibuilder/project.json, and written again whenever a command
// changes this Kind (a version, a subresource, the scope, short names). Do not edit it: your code
// goes in Harbor.cs, HarborSpec.cs and HarborStatus.cs, whose edits apiserver-boot never overwrites.
using ApiBuilder.Runtime.Resources;

namespace Acme.Fleet.Apis.SeaPorts.V1;

[Kind("sea-ports.example.com", "v1", Scope = ResourceScope.Cluster)]
public partial class Harbor
{
    /// <summary>The desired state of the Harbor.</summary>
    public HarborSpec Spec { get; set; } = new();

    /// <summary>The observed state of the Harbor.</summary>
    public HarborStatus? Status { get; set; }
}

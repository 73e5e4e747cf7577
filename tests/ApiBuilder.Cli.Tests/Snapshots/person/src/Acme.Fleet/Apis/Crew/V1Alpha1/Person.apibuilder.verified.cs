// Written by apiserver-boot from .apibuilder/project.json, and written again whenever a command
// changes this Kind (a version, a subresource, the scope, short names). Do not edit it: your code
// goes in Person.cs, PersonSpec.cs and PersonStatus.cs, whose edits apiserver-boot never overwrites.
using ApiBuilder.Runtime.Resources;

namespace Acme.Fleet.Apis.Crew.V1Alpha1;

[Kind("crew.example.com", "v1alpha1", Scope = ResourceScope.Cluster, Plural = "people")]
public partial class Person
{
    /// <summary>The desired state of the Person.</summary>
    public PersonSpec Spec { get; set; } = new();

    /// <summary>The observed state of the Person.</summary>
    public PersonStatus? Status { get; set; }
}

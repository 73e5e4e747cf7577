using ApiBuilder.Runtime.Resources;

namespace Wardle;

/// <summary>Fischer is an example cluster-scoped resource. Flunders may not be named after any entry of its disallowedFlunders.</summary>
[Kind("wardle.example.com", "v1alpha1", Scope = ResourceScope.Cluster, ShortNames = ["fi"], Categories = ["wardle"])]
[PrinterColumn("Disallowed", ".spec.disallowedFlunders", Description = "Names no Flunder may take.", Priority = 1)]
public partial class Fischer
{
    public FischerSpec Spec { get; set; } = new();
}

/// <summary>FischerSpec is the desired state of a Fischer.</summary>
public sealed class FischerSpec
{
    /// <summary>Names that Flunders may not use; creating a Flunder with one of them is forbidden.</summary>
    public List<string>? DisallowedFlunders { get; set; }
}

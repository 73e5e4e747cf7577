using ApiBuilder.Runtime.Resources;

namespace ApiBuilder.Generator.Tests.Fixtures;

/// <summary>Gadget is a cluster-scoped test Kind without hooks.</summary>
[Kind("test.apibuilder.io", "v1", Scope = ResourceScope.Cluster)]
public partial class Gadget
{
    /// <summary>Desired state.</summary>
    public GadgetSpec Spec { get; set; } = new();
}

/// <summary>GadgetSpec lists parts.</summary>
public sealed class GadgetSpec
{
    /// <summary>Parts, in order.</summary>
    public List<string> Parts { get; set; } = [];
}

using ApiBuilder.Runtime.Objects;

namespace ApiBuilder.Runtime.Client;

/// <summary>A page of objects, as returned by list (<c>&lt;Kind&gt;List</c>).</summary>
/// <typeparam name="TKind">The Kind listed.</typeparam>
public sealed class KindList<TKind>
    where TKind : KubernetesObject
{
    /// <summary>Resource version and continue token of the page.</summary>
    public ListMeta Metadata { get; set; } = new();

    /// <summary>The objects.</summary>
    public List<TKind> Items { get; set; } = [];
}

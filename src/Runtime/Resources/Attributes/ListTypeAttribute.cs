namespace ApiBuilder.Runtime.Resources;

/// <summary>How server-side apply and field ownership treat a list (OpenAPI's <c>x-kubernetes-list-type</c>).</summary>
public enum ListType
{
    /// <summary>The list is one value: an applier owns and replaces it whole (the default, as for CRDs).</summary>
    Atomic,

    /// <summary>A set of distinct scalar values: each value is owned by whoever applied it.</summary>
    Set,

    /// <summary>A list of objects identified by key properties: each item is owned and merged by its keys.</summary>
    Map,
}

/// <summary>
/// Declares the list type of a list property of a Kind's spec or status, published as
/// <c>x-kubernetes-list-type</c> (and <c>x-kubernetes-list-map-keys</c>) in the Kind's OpenAPI schema. With
/// <see cref="ListType.Map"/>, name the JSON names of the items' key properties, which must be required scalars:
/// <c>[ListType(ListType.Map, "name")] public List&lt;Port&gt; Ports { get; set; }</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ListTypeAttribute : Attribute
{
    /// <summary>Declares the list type, and for <see cref="ListType.Map"/> the key properties' JSON names.</summary>
    /// <param name="type">The list type.</param>
    /// <param name="mapKeys">For <see cref="ListType.Map"/>: the JSON names of the key properties of the items.</param>
    public ListTypeAttribute(ListType type, params string[] mapKeys)
    {
        Type = type;
        MapKeys = mapKeys;
    }

    /// <summary>The list type.</summary>
    public ListType Type { get; }

    /// <summary>The key properties of a <see cref="ListType.Map"/> list.</summary>
    public IReadOnlyList<string> MapKeys { get; }
}

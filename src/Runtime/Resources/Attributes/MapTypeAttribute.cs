namespace ApiBuilder.Runtime.Resources;

/// <summary>How server-side apply and field ownership treat an object or dictionary (OpenAPI's <c>x-kubernetes-map-type</c>).</summary>
public enum MapType
{
    /// <summary>Each field or entry is owned and merged on its own (the default).</summary>
    Granular,

    /// <summary>The object is one value: an applier owns and replaces it whole.</summary>
    Atomic,
}

/// <summary>
/// Declares the map type of an object or dictionary property of a Kind's spec or status, published as
/// <c>x-kubernetes-map-type</c> in the Kind's OpenAPI schema: <c>[MapType(MapType.Atomic)] public Selector Selector { get; set; }</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class MapTypeAttribute : Attribute
{
    /// <summary>Declares the map type.</summary>
    /// <param name="type">Granular or atomic.</param>
    public MapTypeAttribute(MapType type) => Type = type;

    /// <summary>The map type.</summary>
    public MapType Type { get; }
}

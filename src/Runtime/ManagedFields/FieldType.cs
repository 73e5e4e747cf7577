namespace ApiBuilder.Runtime.ManagedFields;

/// <summary>What a schema node is to field management (structured-merge-diff's schema: scalar, map or list).</summary>
internal enum FieldTypeKind : byte
{
    /// <summary>A value owned as a whole: strings, numbers, booleans, int-or-string.</summary>
    Scalar,

    /// <summary>An object: declared fields and/or map entries of one element type.</summary>
    Map,

    /// <summary>An array, of list type atomic, set or map.</summary>
    List,

    /// <summary>No schema (<c>x-kubernetes-preserve-unknown-fields</c>): objects are granular maps, arrays atomic.</summary>
    Deduced,
}

/// <summary>The list types of <c>x-kubernetes-list-type</c>.</summary>
internal enum ListKind : byte
{
    Atomic,
    Set,
    Map,
}

/// <summary>
/// The type of a field as field management needs it, computed once per resource version from its OpenAPI
/// schema (<see cref="FieldTypeBuilder"/>): how a value is split into owned fields, merged and compared.
/// </summary>
internal sealed class FieldType
{
    public static readonly FieldType Scalar = new() { Kind = FieldTypeKind.Scalar };

    public static readonly FieldType Deduced = new() { Kind = FieldTypeKind.Deduced };

    public FieldTypeKind Kind { get; init; }

    /// <summary>A map or list owned as a whole (<c>x-kubernetes-map-type: atomic</c>, <c>x-kubernetes-list-type: atomic</c>).</summary>
    public bool Atomic { get; init; }

    /// <summary>The declared fields of a map (properties); named fields are owned apart from map entries.</summary>
    public IReadOnlyDictionary<string, FieldType> Fields { get; init; } = NoFields;

    /// <summary>The type of undeclared map entries (additionalProperties, or deduced), or of list items; null when a map allows none.</summary>
    public FieldType? Elements { get; set; }

    public ListKind ListKind { get; init; }

    /// <summary>The key fields of a list of type map.</summary>
    public IReadOnlyList<string> Keys { get; init; } = [];

    private static readonly Dictionary<string, FieldType> NoFields = [];

    /// <summary>The type of a map's entry named <paramref name="name"/>; declared fields first.</summary>
    public FieldType? ChildOf(string name) =>
        Kind == FieldTypeKind.Deduced ? Deduced
        : Fields.TryGetValue(name, out var field) ? field : Elements;

    /// <summary>How a strategic merge patch merges this field (<see cref="Patch.PatchMeta"/>).</summary>
    public Patch.PatchMeta Patch { get; init; }

    public bool IsNamedField(string name) => Kind == FieldTypeKind.Map && Fields.ContainsKey(name);
}

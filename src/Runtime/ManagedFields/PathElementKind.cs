namespace ApiBuilder.Runtime.ManagedFields;

/// <summary>The kinds of step in a field path, in the order structured-merge-diff sorts them.</summary>
internal enum PathElementKind : byte
{
    /// <summary><c>f:name</c>: a field of an object or a key of a map.</summary>
    Field,

    /// <summary><c>k:{"name":"a"}</c>: an item of a list of type map, by its key fields.</summary>
    Key,

    /// <summary><c>v:"a"</c>: an item of a list of type set, by its value.</summary>
    Value,

    /// <summary><c>i:0</c>: an item of a list by position.</summary>
    Index,
}

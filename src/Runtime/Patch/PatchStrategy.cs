namespace ApiBuilder.Runtime.Patch;

/// <summary>How a strategic merge patch combines a field's patch value with the current value (<c>x-kubernetes-patch-strategy</c>).</summary>
internal enum PatchStrategy : byte
{
    /// <summary>No strategy: objects merge member by member, lists are replaced.</summary>
    None,

    /// <summary><c>merge</c>: lists merge, by the merge key for lists of objects or by value for lists of scalars.</summary>
    Merge,

    /// <summary><c>replace</c>: the patch value replaces the current value whole.</summary>
    Replace,
}

namespace ApiBuilder.Runtime.Patch;

/// <summary>The six operations of RFC 6902 section 4.</summary>
internal enum JsonPatchOperationType
{
    Add,
    Remove,
    Replace,
    Move,
    Copy,
    Test,
}

/// <summary>The names operations have in a patch document.</summary>
internal static class JsonPatchOperationTypeNames
{
    public static string ToOpName(this JsonPatchOperationType type) => type switch
    {
        JsonPatchOperationType.Add => "add",
        JsonPatchOperationType.Remove => "remove",
        JsonPatchOperationType.Replace => "replace",
        JsonPatchOperationType.Move => "move",
        JsonPatchOperationType.Copy => "copy",
        _ => "test",
    };
}

namespace ApiBuilder.Runtime.Patch;

/// <summary>Why a patch (JSON patch, or for the result limits a merge patch) was rejected; the server maps each kind to its own HTTP status.</summary>
internal enum JsonPatchErrorKind
{
    /// <summary>The patch document itself is invalid (400 BadRequest).</summary>
    Malformed,

    /// <summary>The patch is valid but does not apply to the document (422 Unprocessable Entity).</summary>
    Failed,

    /// <summary>The patch has more operations than allowed (413 RequestEntityTooLarge).</summary>
    TooManyOperations,

    /// <summary>The patched object would be larger than allowed (413 RequestEntityTooLarge).</summary>
    ResultTooLarge,
}

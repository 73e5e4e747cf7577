namespace ApiBuilder.Runtime.Client;

/// <summary>Patch formats the server accepts.</summary>
public enum PatchType
{
    /// <summary>JSON merge patch (RFC 7386), <c>application/merge-patch+json</c>.</summary>
    Merge,

    /// <summary>JSON patch (RFC 6902), <c>application/json-patch+json</c>.</summary>
    Json,
}

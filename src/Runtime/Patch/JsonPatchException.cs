namespace ApiBuilder.Runtime.Patch;

/// <summary>A JSON patch (RFC 6902) that is malformed, too large, or does not apply; or a patch whose result exceeds <see cref="PatchLimits"/>.</summary>
internal sealed class JsonPatchException(JsonPatchErrorKind kind, string message) : Exception(message)
{
    public JsonPatchErrorKind Kind { get; } = kind;

    internal static JsonPatchException Malformed(string detail) =>
        new(JsonPatchErrorKind.Malformed, "unable to parse patch: " + detail);

    internal static JsonPatchException Failed(string message) => new(JsonPatchErrorKind.Failed, message);
}

using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Patch;

/// <summary>
/// Bounds on what a patch may produce, so that no patch can make an object that storage cannot
/// hold or that later reads cannot walk: a merge patch or JSON patch result may nest at most
/// <see cref="MaxDepth"/> levels and be at most the request body limit in size.
/// </summary>
internal static class PatchLimits
{
    /// <summary>Deepest nesting of a patched object: the bound JSON and YAML request bodies have.</summary>
    public const int MaxDepth = 256;

    /// <summary>
    /// Throws when <paramref name="result"/> nests deeper than <see cref="MaxDepth"/>, or when it is
    /// larger than <paramref name="maxBytes"/> and than <paramref name="current"/>: an object already
    /// over the limit may still be patched smaller.
    /// </summary>
    /// <exception cref="JsonPatchException">
    /// <see cref="JsonPatchErrorKind.Failed"/> for nesting, <see cref="JsonPatchErrorKind.ResultTooLarge"/> for size.
    /// </exception>
    public static void EnsureFits(JsonNode? result, JsonNode? current, long maxBytes)
    {
        if (JsonMeasure.NestsDeeperThan(result, MaxDepth))
        {
            throw TooDeep();
        }

        var size = JsonMeasure.EncodedSize(result);
        if (size > maxBytes && (JsonMeasure.NestsDeeperThan(current, MaxDepth) || size > JsonMeasure.EncodedSize(current)))
        {
            throw new JsonPatchException(JsonPatchErrorKind.ResultTooLarge,
                $"the patched object would be {size} bytes, more than the limit of {maxBytes} bytes");
        }
    }

    internal static JsonPatchException TooDeep() =>
        JsonPatchException.Failed($"the patched object would be nested more than {MaxDepth} levels deep");
}

using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Patch;

/// <summary>
/// Applies <c>application/json-patch+json</c> (RFC 6902) patches. The whole patch is validated
/// before any operation runs, and operations run on a copy, so the caller's document is never
/// changed and a failing patch leaves nothing half-applied.
/// </summary>
internal static class JsonPatch
{
    /// <summary>Kubernetes' limit (apiserver <c>handlers/patch.go</c>, maxJSONPatchOperations).</summary>
    public const int DefaultMaxOperations = 10000;

    /// <summary>
    /// Default bound on the bytes all <c>copy</c> operations of one patch may add: kube-apiserver sets
    /// json-patch's AccumulatedCopySizeLimit to its request body limit (3 MiB), so that a small patch of
    /// doubling copies cannot grow an object exponentially.
    /// </summary>
    public const long DefaultMaxCopyBytes = 3 * 1024 * 1024;

    /// <summary>Returns the patched copy of <paramref name="document"/>.</summary>
    /// <param name="document">The document to patch; it is not changed.</param>
    /// <param name="patchUtf8">The patch document.</param>
    /// <param name="maxOperations">The most operations the patch may have.</param>
    /// <param name="maxCopyBytes">The most bytes (as compact JSON) the patch's copy operations may copy in all.</param>
    /// <exception cref="JsonPatchException">The patch is malformed, too long, copies too much, or does not apply.</exception>
    public static JsonNode? Apply(JsonNode? document, ReadOnlySpan<byte> patchUtf8, int maxOperations = DefaultMaxOperations, long maxCopyBytes = DefaultMaxCopyBytes)
    {
        var operations = JsonPatchReader.Read(patchUtf8, maxOperations);
        var copied = new CopyBudget(maxCopyBytes);
        var result = document?.DeepClone();
        foreach (var operation in operations)
        {
            result = Apply(result, operation, copied);
        }

        return result;
    }

    // Each operation returns the new root, because operations on "" replace the whole document.
    private static JsonNode? Apply(JsonNode? root, JsonPatchOperation operation, CopyBudget copied) => operation.Type switch
    {
        JsonPatchOperationType.Add => JsonPatchTarget.Add(root, operation.Path, operation.Value?.DeepClone(), "add"),
        JsonPatchOperationType.Remove => Remove(root, operation),
        JsonPatchOperationType.Replace => JsonPatchTarget.Replace(root, operation.Path, operation.Value?.DeepClone()),
        JsonPatchOperationType.Move => Move(root, operation),
        JsonPatchOperationType.Copy => Copy(root, operation, copied),
        _ => Test(root, operation),
    };

    private static JsonNode? Remove(JsonNode? root, JsonPatchOperation operation)
    {
        JsonPatchTarget.Remove(root, operation.Path, "remove");
        return root;
    }

    private static JsonNode? Move(JsonNode? root, JsonPatchOperation operation)
    {
        var from = operation.From!;
        if (from.SameLocationAs(operation.Path))
        {
            // A move onto itself changes nothing, but the location must still exist.
            JsonPatchTarget.Get(root, from, "move");
            return root;
        }

        if (from.IsProperPrefixOf(operation.Path))
        {
            throw JsonPatchException.Failed(
                $"move operation does not apply: \"from\" {from} is a parent of \"path\" {operation.Path}; a location cannot be moved into one of its children");
        }

        var value = JsonPatchTarget.Remove(root, from, "move");
        return JsonPatchTarget.Add(root, operation.Path, value, "move");
    }

    private static JsonNode? Copy(JsonNode? root, JsonPatchOperation operation, CopyBudget copied)
    {
        var value = JsonPatchTarget.Get(root, operation.From!, "copy");

        // Checked before cloning: measuring and cloning walk the value, which other operations
        // (adds at deep paths, moves) may have nested arbitrarily deep.
        if (JsonMeasure.NestsDeeperThan(value, PatchLimits.MaxDepth))
        {
            throw PatchLimits.TooDeep();
        }

        copied.Spend(JsonMeasure.EncodedSize(value));
        return JsonPatchTarget.Add(root, operation.Path, value?.DeepClone(), "copy");
    }

    private static JsonNode? Test(JsonNode? root, JsonPatchOperation operation)
    {
        var actual = JsonPatchTarget.Get(root, operation.Path, "test");
        if (!JsonNodeEquality.DeepEquals(actual, operation.Value))
        {
            throw JsonPatchException.Failed($"the test operation failed at path {operation.Path}");
        }

        return root;
    }

    /// <summary>The bytes copied so far by one patch, against its limit.</summary>
    private sealed class CopyBudget(long limit)
    {
        private long accumulated;

        public void Spend(long size)
        {
            accumulated += size;
            if (accumulated > limit)
            {
                // json-patch's AccumulatedCopySizeError, which kube-apiserver answers 422.
                throw JsonPatchException.Failed(
                    $"Unable to complete the copy, the accumulated size increase of copy is {accumulated}, exceeding the limit {limit}");
            }
        }
    }
}

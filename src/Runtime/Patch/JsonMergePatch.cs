using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Patch;

/// <summary>
/// <c>application/merge-patch+json</c> (RFC 7386): objects merge member by member, a null member
/// deletes, and anything that is not an object (arrays included) replaces the target whole.
/// Inputs are never changed; results share no nodes with them.
/// </summary>
internal static class JsonMergePatch
{
    /// <summary>Returns <paramref name="patch"/> merged into a copy of <paramref name="target"/>.</summary>
    /// <exception cref="JsonPatchException">
    /// The patch nests deeper than <see cref="PatchLimits.MaxDepth"/> (request bodies are parsed with
    /// that bound, so this guards the recursion for other callers).
    /// </exception>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (JsonMeasure.NestsDeeperThan(patch, PatchLimits.MaxDepth))
        {
            throw PatchLimits.TooDeep();
        }

        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        MergeInto(result, patchObject);
        return result;
    }

    /// <summary>
    /// The merge patch that turns <paramref name="original"/> into <paramref name="modified"/>.
    /// Merge patches cannot express a member whose value is null, so the round trip
    /// <c>Apply(original, CreatePatch(original, modified))</c> is exact only for objects without null members.
    /// </summary>
    public static JsonNode? CreatePatch(JsonNode? original, JsonNode? modified)
    {
        if (original is not JsonObject originalObject || modified is not JsonObject modifiedObject)
        {
            return modified?.DeepClone();
        }

        return Diff(originalObject, modifiedObject);
    }

    private static void MergeInto(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (value is null)
            {
                target.Remove(name);
                continue;
            }

            if (value is JsonObject nestedPatch)
            {
                // A nested patch merges into the existing member, or into {} when there is none
                // or it is not an object, which also strips the patch's own nulls.
                if (target.TryGetPropertyValue(name, out var existing) && existing is JsonObject existingObject)
                {
                    MergeInto(existingObject, nestedPatch);
                }
                else
                {
                    var created = new JsonObject();
                    MergeInto(created, nestedPatch);
                    target[name] = created;
                }

                continue;
            }

            target[name] = value.DeepClone();
        }
    }

    private static JsonObject Diff(JsonObject original, JsonObject modified)
    {
        var patch = new JsonObject();
        foreach (var (name, _) in original)
        {
            if (!modified.ContainsKey(name))
            {
                patch[name] = null;
            }
        }

        foreach (var (name, value) in modified)
        {
            if (!original.TryGetPropertyValue(name, out var before))
            {
                patch[name] = value?.DeepClone();
            }
            else if (before is JsonObject beforeObject && value is JsonObject afterObject)
            {
                var nested = Diff(beforeObject, afterObject);
                if (nested.Count > 0)
                {
                    patch[name] = nested;
                }
            }
            else if (!JsonNodeEquality.DeepEquals(before, value))
            {
                patch[name] = value?.DeepClone();
            }
        }

        return patch;
    }
}

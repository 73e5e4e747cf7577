using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Patch;

/// <summary>
/// Reads and validates a whole JSON patch document before anything is applied, so a malformed
/// patch is always reported as such (400) even when an earlier operation would fail (422).
/// </summary>
internal static class JsonPatchReader
{
    // Duplicate members make an operation ambiguous (RFC 8259 leaves their meaning undefined),
    // so they are rejected instead of letting the last one win silently.
    // The nesting bound is that of request bodies (the default, 64, would refuse values objects may hold).
    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false, MaxDepth = PatchLimits.MaxDepth };

    public static IReadOnlyList<JsonPatchOperation> Read(ReadOnlySpan<byte> patchUtf8, int maxOperations)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(patchUtf8, nodeOptions: null, documentOptions: StrictJson);
        }
        catch (JsonException e)
        {
            throw JsonPatchException.Malformed(e.Message);
        }

        if (root is not JsonArray operations)
        {
            throw JsonPatchException.Malformed("a JSON patch must be a JSON array of operations");
        }

        if (operations.Count > maxOperations)
        {
            throw new JsonPatchException(
                JsonPatchErrorKind.TooManyOperations,
                $"The allowed maximum operations in a JSON patch is {maxOperations}, got {operations.Count}");
        }

        var result = new JsonPatchOperation[operations.Count];
        for (var i = 0; i < operations.Count; i++)
        {
            result[i] = ReadOperation(operations[i], i);
        }

        return result;
    }

    private static JsonPatchOperation ReadOperation(JsonNode? node, int index)
    {
        if (node is not JsonObject operation)
        {
            throw JsonPatchException.Malformed($"operation {index} is not a JSON object");
        }

        var type = RequiredString(operation, "op", index) switch
        {
            "add" => JsonPatchOperationType.Add,
            "remove" => JsonPatchOperationType.Remove,
            "replace" => JsonPatchOperationType.Replace,
            "move" => JsonPatchOperationType.Move,
            "copy" => JsonPatchOperationType.Copy,
            "test" => JsonPatchOperationType.Test,
            var other => throw JsonPatchException.Malformed($"operation {index} has an unknown op \"{other}\""),
        };

        var path = RequiredPointer(operation, "path", index);
        JsonPointer? from = null;
        JsonNode? value = null;
        switch (type)
        {
            case JsonPatchOperationType.Add or JsonPatchOperationType.Replace or JsonPatchOperationType.Test:
                // Present-but-null is a valid value; only a missing member is an error.
                if (!operation.TryGetPropertyValue("value", out value))
                {
                    throw JsonPatchException.Malformed($"operation {index} ({type.ToOpName()}) is missing \"value\"");
                }

                break;
            case JsonPatchOperationType.Move or JsonPatchOperationType.Copy:
                from = RequiredPointer(operation, "from", index);
                break;
        }

        return new JsonPatchOperation(type, path, from, value);
    }

    private static JsonPointer RequiredPointer(JsonObject operation, string member, int index)
    {
        var text = RequiredString(operation, member, index);
        if (!JsonPointer.TryParse(text, out var pointer, out var error))
        {
            throw JsonPatchException.Malformed($"operation {index} has an invalid \"{member}\": {error}");
        }

        return pointer!;
    }

    private static string RequiredString(JsonObject operation, string member, int index)
    {
        if (!operation.TryGetPropertyValue(member, out var node))
        {
            throw JsonPatchException.Malformed($"operation {index} is missing \"{member}\"");
        }

        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            throw JsonPatchException.Malformed($"operation {index} has a non-string \"{member}\"");
        }

        return value.GetValue<string>();
    }
}

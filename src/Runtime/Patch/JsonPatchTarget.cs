using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Patch;

/// <summary>
/// Reads and changes the location a <see cref="JsonPointer"/> names inside a mutable document,
/// with the error messages of a patch that does not apply.
/// </summary>
internal static class JsonPatchTarget
{
    /// <summary>The value at <paramref name="pointer"/>; a JSON null is returned as null.</summary>
    public static JsonNode? Get(JsonNode? root, JsonPointer pointer, string op)
    {
        var current = root;
        foreach (var token in pointer.Tokens)
        {
            if (!TryGetChild(current, token, out current))
            {
                throw Missing(op, pointer);
            }
        }

        return current;
    }

    /// <summary>Adds or sets <paramref name="value"/> at <paramref name="pointer"/> and returns the new root.</summary>
    public static JsonNode? Add(JsonNode? root, JsonPointer pointer, JsonNode? value, string op)
    {
        if (pointer.IsRoot)
        {
            return value;
        }

        var token = pointer.Tokens[^1];
        switch (Parent(root, pointer, op))
        {
            case JsonObject obj:
                obj[token] = value;
                break;
            case JsonArray array when token == "-":
                array.Add(value);
                break;
            case JsonArray array:
                // For add, index == Count is allowed and appends (RFC 6902 section 4.1).
                array.Insert(Index(array, token, array.Count, op, pointer), value);
                break;
            default:
                throw NotAContainer(op, pointer);
        }

        return root;
    }

    /// <summary>Removes the value at <paramref name="pointer"/> and returns it.</summary>
    public static JsonNode? Remove(JsonNode? root, JsonPointer pointer, string op)
    {
        if (pointer.IsRoot)
        {
            throw JsonPatchException.Failed($"{op} operation does not apply: the whole document cannot be removed");
        }

        var token = pointer.Tokens[^1];
        switch (Parent(root, pointer, op))
        {
            case JsonObject obj:
                if (!obj.TryGetPropertyValue(token, out var value))
                {
                    throw Missing(op, pointer);
                }

                obj.Remove(token);
                return value;
            case JsonArray array:
                var index = Index(array, token, array.Count - 1, op, pointer);
                var element = array[index];
                array.RemoveAt(index);
                return element;
            default:
                throw Missing(op, pointer);
        }
    }

    /// <summary>Replaces the existing value at <paramref name="pointer"/> and returns the new root.</summary>
    public static JsonNode? Replace(JsonNode? root, JsonPointer pointer, JsonNode? value)
    {
        if (pointer.IsRoot)
        {
            return value;
        }

        var token = pointer.Tokens[^1];
        switch (Parent(root, pointer, "replace"))
        {
            case JsonObject obj when obj.ContainsKey(token):
                obj[token] = value;
                return root;
            case JsonArray array:
                array[Index(array, token, array.Count - 1, "replace", pointer)] = value;
                return root;
            default:
                throw Missing("replace", pointer);
        }
    }

    private static JsonNode? Parent(JsonNode? root, JsonPointer pointer, string op)
    {
        var current = root;
        for (var i = 0; i < pointer.Tokens.Count - 1; i++)
        {
            if (!TryGetChild(current, pointer.Tokens[i], out current))
            {
                throw Missing(op, pointer);
            }
        }

        return current;
    }

    private static bool TryGetChild(JsonNode? node, string token, out JsonNode? child)
    {
        child = null;
        switch (node)
        {
            case JsonObject obj:
                return obj.TryGetPropertyValue(token, out child);
            case JsonArray array when JsonPointer.TryParseArrayIndex(token, out var index) && index < array.Count:
                child = array[index];
                return true;
            default:
                return false;
        }
    }

    private static int Index(JsonArray array, string token, int maxIndex, string op, JsonPointer pointer)
    {
        if (!JsonPointer.TryParseArrayIndex(token, out var index))
        {
            throw JsonPatchException.Failed(
                $"{op} operation does not apply: \"{token}\" in {pointer} is not a valid array index");
        }

        if (index > maxIndex)
        {
            throw JsonPatchException.Failed(
                $"{op} operation does not apply: index {index} in {pointer} is out of range (array length {array.Count})");
        }

        return index;
    }

    private static JsonPatchException Missing(string op, JsonPointer pointer) =>
        JsonPatchException.Failed($"{op} operation does not apply: doc is missing path: {pointer}");

    private static JsonPatchException NotAContainer(string op, JsonPointer pointer) =>
        JsonPatchException.Failed($"{op} operation does not apply: the parent of {pointer} is neither an object nor an array");
}

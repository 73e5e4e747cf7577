using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Registry;

/// <summary>Simple dotted field paths such as <c>.spec.replicas</c>, as used by the scale subresource.</summary>
internal static class FieldPath
{
    public static string[] Split(string path) => path.TrimStart('.').Split('.', StringSplitOptions.RemoveEmptyEntries);

    public static JsonNode? Get(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in Split(path))
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return node;
    }

    public static void Set(JsonObject obj, string path, JsonNode? value)
    {
        var parts = Split(path);
        var current = obj;
        foreach (var part in parts[..^1])
        {
            if (current[part] is not JsonObject next)
            {
                next = new JsonObject();
                current[part] = next;
            }

            current = next;
        }

        current[parts[^1]] = value;
    }
}

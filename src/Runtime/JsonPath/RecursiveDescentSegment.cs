using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.JsonPath;

/// <summary><c>..</c>: the node itself and all its descendants, in document order; the next step picks from them.</summary>
internal sealed class RecursiveDescentSegment : JsonPathSegment
{
    public static RecursiveDescentSegment Instance { get; } = new();

    public override void Select(JsonNode? node, List<JsonNode?> output)
    {
        output.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    Select(value, output);
                }

                break;
            case JsonArray array:
                foreach (var element in array)
                {
                    Select(element, output);
                }

                break;
        }
    }
}

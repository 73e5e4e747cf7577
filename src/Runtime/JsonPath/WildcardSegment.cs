using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.JsonPath;

/// <summary><c>.*</c> or <c>[*]</c>: every member value of an object, every element of an array.</summary>
internal sealed class WildcardSegment : JsonPathSegment
{
    public static WildcardSegment Instance { get; } = new();

    public override void Select(JsonNode? node, List<JsonNode?> output)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    output.Add(value);
                }

                break;
            case JsonArray array:
                output.AddRange(array);
                break;
        }
    }
}

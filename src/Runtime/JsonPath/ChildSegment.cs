using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.JsonPath;

/// <summary><c>.name</c> or <c>['name']</c>: a member of an object. A member holding null is selected (as null).</summary>
internal sealed class ChildSegment(string name) : JsonPathSegment
{
    public string Name { get; } = name;

    public override void Select(JsonNode? node, List<JsonNode?> output)
    {
        if (node is JsonObject obj && obj.TryGetPropertyValue(Name, out var child))
        {
            output.Add(child);
        }
    }
}

using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.JsonPath;

/// <summary><c>[0,2]</c> or <c>['a','b']</c>: the selections of each part, in order.</summary>
internal sealed class UnionSegment(IReadOnlyList<JsonPathSegment> parts) : JsonPathSegment
{
    public override void Select(JsonNode? node, List<JsonNode?> output)
    {
        foreach (var part in parts)
        {
            part.Select(node, output);
        }
    }
}

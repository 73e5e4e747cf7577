using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.JsonPath;

/// <summary><c>[2]</c> or <c>[-1]</c>: one array element, negative indexes counting from the end.</summary>
internal sealed class IndexSegment(int index) : JsonPathSegment
{
    public int Index { get; } = index;

    public override void Select(JsonNode? node, List<JsonNode?> output)
    {
        if (node is not JsonArray array)
        {
            return;
        }

        var actual = Index < 0 ? Index + array.Count : Index;
        if (actual >= 0 && actual < array.Count)
        {
            output.Add(array[actual]);
        }
    }
}

using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.JsonPath;

/// <summary>
/// <c>[start:end:step]</c> on an array, Python style: negative bounds count from the end and
/// bounds past either end are clamped. The step must be positive.
/// </summary>
internal sealed class SliceSegment(int? start, int? end, int step) : JsonPathSegment
{
    public override void Select(JsonNode? node, List<JsonNode?> output)
    {
        if (node is not JsonArray array)
        {
            return;
        }

        var count = array.Count;
        var from = Clamp(start ?? 0, count);
        var to = Clamp(end ?? count, count);
        for (var i = from; i < to; i += step)
        {
            output.Add(array[i]);
        }
    }

    private static int Clamp(int bound, int count) =>
        Math.Clamp(bound < 0 ? bound + count : bound, 0, count);
}

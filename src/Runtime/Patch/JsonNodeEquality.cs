using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Patch;

/// <summary>
/// Deep JSON equality as RFC 6902 section 4.6 defines it for <c>test</c>: numbers by value
/// (1 == 1.0 == 1e0), strings by code points, objects ignoring member order, arrays in order.
/// </summary>
internal static class JsonNodeEquality
{
    public static bool DeepEquals(JsonNode? left, JsonNode? right)
    {
        var leftKind = KindOf(left);
        if (leftKind != KindOf(right))
        {
            return false;
        }

        return leftKind switch
        {
            JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False => true,
            JsonValueKind.String => string.Equals(StringOf(left!), StringOf(right!), StringComparison.Ordinal),
            JsonValueKind.Number => NumbersEqual(left!, right!),
            JsonValueKind.Array => ArraysEqual(AsContainer<JsonArray>(left!), AsContainer<JsonArray>(right!)),
            _ => ObjectsEqual(AsContainer<JsonObject>(left!), AsContainer<JsonObject>(right!)),
        };
    }

    private static JsonValueKind KindOf(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    private static bool ObjectsEqual(JsonObject left, JsonObject right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        foreach (var (name, value) in left)
        {
            if (!right.TryGetPropertyValue(name, out var other) || !DeepEquals(value, other))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ArraysEqual(JsonArray left, JsonArray right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        for (var i = 0; i < left.Count; i++)
        {
            if (!DeepEquals(left[i], right[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool NumbersEqual(JsonNode left, JsonNode right)
    {
        // The JSON text of a number is exact; decimal covers every value Kubernetes objects use
        // without the rounding of double, which is only the fallback for huge exponents.
        var leftText = left.ToJsonString();
        var rightText = right.ToJsonString();
        if (decimal.TryParse(leftText, NumberStyles.Float, CultureInfo.InvariantCulture, out var leftDecimal)
            && decimal.TryParse(rightText, NumberStyles.Float, CultureInfo.InvariantCulture, out var rightDecimal))
        {
            return leftDecimal == rightDecimal;
        }

        return double.Parse(leftText, NumberStyles.Float, CultureInfo.InvariantCulture)
            == double.Parse(rightText, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static string? StringOf(JsonNode node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : JsonSerializer.Deserialize<string>(node.ToJsonString());

    // A JsonValue may wrap an object or array element; compare it through a real container.
    private static T AsContainer<T>(JsonNode node)
        where T : JsonNode =>
        node as T ?? (T)JsonNode.Parse(node.ToJsonString())!;
}

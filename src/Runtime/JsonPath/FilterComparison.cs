using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.JsonPath;

/// <summary>
/// Compares two JSON values in a filter. Numbers compare by value (1 == 1.0), strings by ordinal
/// order, booleans and nulls for (in)equality only. Values of different kinds are never equal and
/// never ordered; objects and arrays never compare.
/// </summary>
internal static class FilterComparison
{
    public static bool Holds(JsonNode? left, FilterOperator op, JsonNode? right)
    {
        var leftKind = KindOf(left);
        var rightKind = KindOf(right);
        if (!IsScalar(leftKind) || !IsScalar(rightKind))
        {
            return false;
        }

        int? order = (leftKind, rightKind) switch
        {
            (JsonValueKind.Number, JsonValueKind.Number) => CompareNumbers(left!, right!),
            (JsonValueKind.String, JsonValueKind.String) =>
                Math.Sign(string.CompareOrdinal(left!.GetValue<string>(), right!.GetValue<string>())),
            _ => null,
        };

        if (order is { } o)
        {
            return op switch
            {
                FilterOperator.Equal => o == 0,
                FilterOperator.NotEqual => o != 0,
                FilterOperator.Less => o < 0,
                FilterOperator.LessOrEqual => o <= 0,
                FilterOperator.Greater => o > 0,
                _ => o >= 0,
            };
        }

        // true, false and null carry nothing beyond their kind, and mixed kinds are simply unequal.
        var equal = leftKind == rightKind;
        return op switch
        {
            FilterOperator.Equal => equal,
            FilterOperator.NotEqual => !equal,
            _ => false,
        };
    }

    private static JsonValueKind KindOf(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    private static bool IsScalar(JsonValueKind kind) => kind is not (JsonValueKind.Object or JsonValueKind.Array);

    private static int CompareNumbers(JsonNode left, JsonNode right)
    {
        var leftText = left.ToJsonString();
        var rightText = right.ToJsonString();
        if (decimal.TryParse(leftText, NumberStyles.Float, CultureInfo.InvariantCulture, out var leftDecimal)
            && decimal.TryParse(rightText, NumberStyles.Float, CultureInfo.InvariantCulture, out var rightDecimal))
        {
            return leftDecimal.CompareTo(rightDecimal);
        }

        return double.Parse(leftText, NumberStyles.Float, CultureInfo.InvariantCulture)
            .CompareTo(double.Parse(rightText, NumberStyles.Float, CultureInfo.InvariantCulture));
    }
}

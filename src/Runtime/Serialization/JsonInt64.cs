using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Serialization;

/// <summary>
/// Reads client-sent numbers bound for Kubernetes' int64 fields as Go's decoder does: only an
/// integer literal within the int64 range fits; <c>1.5</c>, <c>1e3</c>, <c>1e400</c> and
/// <c>9223372036854775808</c> do not, and are a decode error (400) rather than being rounded,
/// clamped or ignored.
/// </summary>
internal static class JsonInt64
{
    /// <summary>
    /// True when <paramref name="node"/> is a number that is an int64. Parsed bodies hold such
    /// numbers as <see cref="long"/> (<see cref="JsonBody"/>) or as JSON text that reads as one.
    /// </summary>
    public static bool TryGet(JsonNode? node, out long value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (v.TryGetValue(out int i))
        {
            value = i;
            return true;
        }

        return v.TryGetValue(out value);
    }

    /// <summary>True when <paramref name="node"/> is a number that does not fit an int64 field.</summary>
    public static bool IsNonInt64Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && !TryGet(node, out _);

    /// <summary>Go's message for a number that does not fit, e.g. <c>ObjectMeta.metadata.generation</c>.</summary>
    public static string UnmarshalError(JsonNode number, string goStructField) =>
        $"json: cannot unmarshal number {number.ToJsonString()} into Go struct field {goStructField} of type int64";
}

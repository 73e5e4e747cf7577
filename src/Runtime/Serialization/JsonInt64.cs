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

    /// <summary>
    /// True when <paramref name="node"/> cannot be decoded into an int64 field: a number that does
    /// not fit, or a string, boolean, object or array (JSON null leaves the field unset, as in Go).
    /// </summary>
    public static bool IsMisfit(JsonNode? node) =>
        node is not null && (node.GetValueKind() != JsonValueKind.Number || !TryGet(node, out _));

    /// <summary>
    /// Go's message for a value that does not fit an int64 field, e.g. <c>ObjectMeta.metadata.generation</c>:
    /// <c>cannot unmarshal number 1.5 into …</c> or <c>cannot unmarshal string into …</c>.
    /// </summary>
    public static string DecodeError(JsonNode node, string goStructField) => node.GetValueKind() switch
    {
        JsonValueKind.Number => UnmarshalError(node, goStructField),
        JsonValueKind.True or JsonValueKind.False => TypeError("bool", goStructField),
        JsonValueKind.Object => TypeError("object", goStructField),
        JsonValueKind.Array => TypeError("array", goStructField),
        _ => TypeError("string", goStructField),
    };

    private static string TypeError(string goType, string goStructField) =>
        $"json: cannot unmarshal {goType} into Go struct field {goStructField} of type int64";

    /// <summary>Go's message for a number that does not fit, e.g. <c>ObjectMeta.metadata.generation</c>.</summary>
    public static string UnmarshalError(JsonNode number, string goStructField) =>
        $"json: cannot unmarshal number {number.ToJsonString()} into Go struct field {goStructField} of type int64";
}

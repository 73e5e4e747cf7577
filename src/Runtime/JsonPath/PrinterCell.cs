using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.JsonPath;

/// <summary>
/// The cell of a CRD-style printer column (<c>additionalPrinterColumns</c>) in a Table, computed as
/// kube-apiserver's CRD TableConvertor does (apiextensions-apiserver
/// <c>pkg/registry/customresource/tableconvertor</c>): only the first value the path selects is
/// used, and nothing selected gives a null cell.
/// </summary>
internal static class PrinterCell
{
    /// <summary>
    /// Renders one cell. By column type:
    /// <list type="bullet">
    /// <item><c>integer</c>: a <see cref="long"/> (a fractional number is truncated); other JSON kinds give null.</item>
    /// <item><c>number</c>: a <see cref="double"/>.</item>
    /// <item><c>boolean</c>: a <see cref="bool"/>.</item>
    /// <item><c>string</c>: the string itself; other values as Go prints them (numbers, <c>true</c>,
    /// objects and arrays as compact JSON), and a JSON null as <c>&lt;no value&gt;</c>.</item>
    /// <item><c>date</c>: the age of an RFC 3339 timestamp relative to <paramref name="now"/>, e.g.
    /// <c>5m</c> or <c>3d4h</c> (what kubectl shows); <c>&lt;unknown&gt;</c> for an empty timestamp and
    /// <c>&lt;invalid&gt;</c> for one that does not parse.</item>
    /// </list>
    /// Any other type gives null.
    /// </summary>
    public static object? Render(JsonNode? root, JsonPathExpression path, string columnType, DateTimeOffset now) =>
        path.TryEvaluateFirst(root, out var value) ? Format(value, columnType, now) : null;

    /// <summary><see cref="Render(JsonNode?, JsonPathExpression, string, DateTimeOffset)"/> on a parsed document, for a <see cref="JsonPathExpression.IsMemberChain">chain of members</see>.</summary>
    public static object? Render(JsonElement root, JsonPathExpression path, string columnType, DateTimeOffset now) =>
        path.TryEvaluateFirst(root, out var value) ? Format(value, columnType, now) : null;

    private static object? Format(JsonNode? value, string columnType, DateTimeOffset now)
    {
        if (columnType == "string")
        {
            // Go's template printer writes a nil value this way.
            return value is null ? "<no value>" : GoValueText.Print(value);
        }

        return value?.GetValueKind() switch
        {
            JsonValueKind.Number when columnType == "integer" =>
                GoValueText.TryGetInt64(value, out var integer) ? integer : (long)GoValueText.GetDouble(value),
            JsonValueKind.Number when columnType == "number" => GoValueText.GetDouble(value),
            JsonValueKind.True or JsonValueKind.False when columnType == "boolean" =>
                value.GetValueKind() == JsonValueKind.True,
            JsonValueKind.String when columnType == "date" => Age(value.GetValue<string>(), now),
            _ => null,
        };
    }

    /// <summary>Renders one cell with ages measured from the current time.</summary>
    public static object? Render(JsonNode? root, JsonPathExpression path, string columnType) =>
        Render(root, path, columnType, DateTimeOffset.UtcNow);

    // metav1.Time's query-parameter parsing: "" and "null" are the zero time.
    private static string Age(string timestamp, DateTimeOffset now)
    {
        if (timestamp is "" or "null")
        {
            return "<unknown>";
        }

        return Rfc3339Time.TryParse(timestamp, out var instant)
            ? HumanDuration.Format(now - instant)
            : "<invalid>";
    }
}

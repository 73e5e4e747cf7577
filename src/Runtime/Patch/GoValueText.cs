using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Patch;

/// <summary>
/// JSON values written as Go's <c>fmt</c> prints decoded JSON (<c>%v</c>) and named as Go's reflection names
/// their types, so that strategic merge patch errors read as kube-apiserver's do.
/// </summary>
internal static class GoValueText
{
    /// <summary>Go's <c>%v</c> of the decoded value: <c>map[a:1 b:[x y]]</c>, keys sorted; null is <c>&lt;nil&gt;</c>.</summary>
    public static string Format(JsonNode? node)
    {
        var text = new StringBuilder();
        Append(text, node, depth: 0);
        return text.ToString();
    }

    /// <summary>The Go type of the decoded value: <c>map[string]interface {}</c>, <c>[]interface {}</c>, <c>string</c>, ...</summary>
    public static string TypeName(JsonNode? node) => node switch
    {
        null => "<nil>",
        JsonObject => "map[string]interface {}",
        JsonArray => "[]interface {}",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "bool",
            _ => IsInteger(node) ? "int64" : "float64",
        },
    };

    private static bool IsInteger(JsonNode node) => node.ToJsonString().All(c => char.IsAsciiDigit(c) || c == '-');

    private static void Append(StringBuilder text, JsonNode? node, int depth)
    {
        if (depth > 32)
        {
            text.Append("...");
            return;
        }

        switch (node)
        {
            case null:
                text.Append("<nil>");
                break;
            case JsonObject obj:
                text.Append("map[");
                var first = true;
                foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        text.Append(' ');
                    }

                    first = false;
                    text.Append(name).Append(':');
                    Append(text, value, depth + 1);
                }

                text.Append(']');
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(' ');
                    }

                    Append(text, array[i], depth + 1);
                }

                text.Append(']');
                break;
            default:
                text.Append(node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString());
                break;
        }
    }
}

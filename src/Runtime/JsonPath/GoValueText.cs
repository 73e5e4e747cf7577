using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.JsonPath;

/// <summary>
/// Text of a JSON value as kube-apiserver prints it in a string printer column. Kubernetes decodes
/// objects into Go values (numbers become int64 when integral in the text, float64 otherwise) and
/// prints scalars with <c>fmt.Print</c> and objects and arrays with <c>json.Marshal</c> (compact,
/// keys sorted, &lt; &gt; &amp; escaped). Matching that keeps tables identical to a real server's.
/// </summary>
internal static class GoValueText
{
    /// <summary>The <c>fmt.Print</c> text of a non-null value.</summary>
    public static string Print(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => TryGetInt64(node, out var integer)
            ? integer.ToString(CultureInfo.InvariantCulture)
            : FormatFloat(GetDouble(node), json: false),
        _ => Json(node),
    };

    /// <summary>The <c>json.Marshal</c> text of a value.</summary>
    public static string Json(JsonNode? node)
    {
        var builder = new StringBuilder();
        WriteJson(builder, node);
        return builder.ToString();
    }

    /// <summary>Go's <c>json.Number.Int64</c>: the number's text must be a plain integer in range.</summary>
    public static bool TryGetInt64(JsonNode number, out long value) =>
        long.TryParse(number.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static double GetDouble(JsonNode number) =>
        double.Parse(number.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static void WriteJson(StringBuilder builder, JsonNode? node)
    {
        switch (node?.GetValueKind() ?? JsonValueKind.Null)
        {
            case JsonValueKind.Null:
                builder.Append("null");
                break;
            case JsonValueKind.Object:
                builder.Append('{');
                var members = node!.AsObject().OrderBy(m => m.Key, Utf8Order.Instance);
                var first = true;
                foreach (var (name, value) in members)
                {
                    builder.Append(first ? "" : ",");
                    first = false;
                    WriteString(builder, name);
                    builder.Append(':');
                    WriteJson(builder, value);
                }

                builder.Append('}');
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                var array = node!.AsArray();
                for (var i = 0; i < array.Count; i++)
                {
                    builder.Append(i == 0 ? "" : ",");
                    WriteJson(builder, array[i]);
                }

                builder.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(builder, node!.GetValue<string>());
                break;
            case JsonValueKind.Number:
                builder.Append(TryGetInt64(node!, out var integer)
                    ? integer.ToString(CultureInfo.InvariantCulture)
                    : FormatFloat(GetDouble(node!), json: true));
                break;
            default:
                builder.Append(node!.GetValueKind() == JsonValueKind.True ? "true" : "false");
                break;
        }
    }

    // encoding/json's string escaping, HTML-safe as json.Marshal does by default.
    private static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case < 0x20 or '<' or '>' or '&' or 0x2028 or 0x2029:
                    builder.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}");
                    break;
                default:
                    builder.Append(rune.ToString());
                    break;
            }
        }

        builder.Append('"');
    }

    /// <summary>
    /// Shortest round-trip text of a float64. fmt's %v (%g) uses an exponent when it is below -4
    /// or at least 6 (1e+06); encoding/json below 1e-6 and from 1e21 (1e+21, 1e-7).
    /// </summary>
    private static string FormatFloat(double value, bool json)
    {
        if (value == 0)
        {
            return double.IsNegative(value) ? "-0" : "0";
        }

        var (digits, decimalPoint) = ShortestDigits(Math.Abs(value));
        var exponent = decimalPoint - 1;
        var useExponent = json
            ? Math.Abs(value) < 1e-6 || Math.Abs(value) >= 1e21
            : exponent < -4 || exponent >= 6;
        var text = useExponent ? Scientific(digits, exponent, json) : Positional(digits, decimalPoint);
        return value < 0 ? "-" + text : text;
    }

    // Significant digits without leading or trailing zeros, and the decimal point position:
    // value = 0.<digits> × 10^decimalPoint.
    private static (string Digits, int DecimalPoint) ShortestDigits(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOfAny(['E', 'e']);
        var exponent = exponentAt < 0 ? 0 : int.Parse(text[(exponentAt + 1)..], CultureInfo.InvariantCulture);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var dot = mantissa.IndexOf('.');
        var integerPart = dot < 0 ? mantissa : mantissa[..dot];
        var digits = integerPart + (dot < 0 ? "" : mantissa[(dot + 1)..]);
        var decimalPoint = integerPart.Length + exponent;
        var trimmed = digits.TrimStart('0');
        decimalPoint -= digits.Length - trimmed.Length;
        return (trimmed.TrimEnd('0'), decimalPoint);
    }

    private static string Scientific(string digits, int exponent, bool json)
    {
        var mantissa = digits.Length == 1 ? digits : $"{digits[0]}.{digits[1..]}";
        // strconv writes at least two exponent digits; encoding/json then trims "e-07" to "e-7".
        var minimumDigits = json && exponent < 0 ? 1 : 2;
        var magnitude = Math.Abs(exponent).ToString(CultureInfo.InvariantCulture).PadLeft(minimumDigits, '0');
        return $"{mantissa}e{(exponent < 0 ? '-' : '+')}{magnitude}";
    }

    private static string Positional(string digits, int decimalPoint)
    {
        if (decimalPoint <= 0)
        {
            return "0." + new string('0', -decimalPoint) + digits;
        }

        return decimalPoint >= digits.Length
            ? digits + new string('0', decimalPoint - digits.Length)
            : $"{digits[..decimalPoint]}.{digits[decimalPoint..]}";
    }

    // Go sorts map keys by bytes, i.e. by UTF-8, which is code point order.
    private sealed class Utf8Order : IComparer<string>
    {
        public static Utf8Order Instance { get; } = new();

        public int Compare(string? x, string? y)
        {
            var left = x!.EnumerateRunes();
            var right = y!.EnumerateRunes();
            while (true)
            {
                var hasLeft = left.MoveNext();
                var hasRight = right.MoveNext();
                if (!hasLeft || !hasRight)
                {
                    return hasLeft.CompareTo(hasRight);
                }

                var order = left.Current.Value.CompareTo(right.Current.Value);
                if (order != 0)
                {
                    return order;
                }
            }
        }
    }
}

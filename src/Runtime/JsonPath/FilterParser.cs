using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ApiBuilder.Runtime.JsonPath;

/// <summary>
/// Parses the inside of <c>[?( … )]</c>: <c>@.path</c> alone (existence), or
/// <c>operand OP operand</c> with OP one of <c>== != &lt; &lt;= &gt; &gt;=</c> and each operand a path
/// from the element (<c>@…</c>) or a literal string, number or boolean.
/// </summary>
internal static partial class FilterParser
{
    public static FilterSegment Parse(string expression)
    {
        var (operatorStart, operatorLength) = FindOperator(expression);
        if (operatorStart < 0)
        {
            var path = ParseOperand(expression, expression);
            if (!path.IsPath)
            {
                throw JsonPathParser.Error($"filter \"{expression}\" must compare, or test a path like @.name");
            }

            return new FilterSegment(path, FilterOperator.Exists, null);
        }

        var op = expression.Substring(operatorStart, operatorLength) switch
        {
            "==" => FilterOperator.Equal,
            "!=" => FilterOperator.NotEqual,
            "<" => FilterOperator.Less,
            "<=" => FilterOperator.LessOrEqual,
            ">" => FilterOperator.Greater,
            ">=" => FilterOperator.GreaterOrEqual,
            var other => throw JsonPathParser.Error($"unsupported filter operator '{other}' in \"{expression}\""),
        };
        var left = ParseOperand(expression[..operatorStart], expression);
        var right = ParseOperand(expression[(operatorStart + operatorLength)..], expression);
        return new FilterSegment(left, op, right);
    }

    // The first run of comparison characters outside quoted strings.
    private static (int Start, int Length) FindOperator(string expression)
    {
        for (var i = 0; i < expression.Length; i++)
        {
            if (expression[i] is '\'' or '"')
            {
                i = QuotedText.SkipQuoted(expression, i);
                continue;
            }

            if (IsOperatorCharacter(expression[i]))
            {
                var end = i;
                while (end < expression.Length && IsOperatorCharacter(expression[end]))
                {
                    end++;
                }

                return (i, end - i);
            }
        }

        return (-1, 0);
    }

    private static FilterOperand ParseOperand(string text, string expression)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            throw JsonPathParser.Error($"missing operand in filter \"{expression}\"");
        }

        if (text[0] is '@')
        {
            return FilterOperand.Path(JsonPathParser.ParseRelative(text[1..]));
        }

        if (text[0] is '.' or '[')
        {
            return FilterOperand.Path(JsonPathParser.ParseRelative(text));
        }

        if (text[0] is '\'' or '"')
        {
            return FilterOperand.Literal(JsonValue.Create(QuotedText.Unquote(text)));
        }

        if (text is "true" or "false")
        {
            return FilterOperand.Literal(JsonValue.Create(text == "true"));
        }

        if (NumberRegex().IsMatch(text))
        {
            // Kept as JSON number text so comparisons see the exact literal.
            return FilterOperand.Literal(JsonNode.Parse(NormalizeNumber(text))!);
        }

        throw JsonPathParser.Error($"invalid operand '{text}' in filter \"{expression}\"");
    }

    // JSON has no leading '+', bare '.5' or trailing '5.'.
    private static string NormalizeNumber(string text)
    {
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact))
        {
            return exact.ToString(CultureInfo.InvariantCulture);
        }

        var approximate = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(approximate)
            ? approximate.ToString("R", CultureInfo.InvariantCulture)
            : throw JsonPathParser.Error($"number {text} is out of range");
    }

    private static bool IsOperatorCharacter(char c) => c is '=' or '!' or '<' or '>';

    [GeneratedRegex(@"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex NumberRegex();
}

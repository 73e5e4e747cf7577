using System.Text;

namespace ApiBuilder.Runtime.JsonPath;

/// <summary>
/// Quoted strings inside a JSONPath (<c>['key']</c>, <c>"Ready"</c>): finding where they end so
/// that brackets, commas and parentheses inside them are not taken as syntax, and unquoting them.
/// </summary>
internal static class QuotedText
{
    /// <summary>Removes the quotes of <c>'…'</c> or <c>"…"</c> and resolves backslash escapes.</summary>
    public static string Unquote(string quoted)
    {
        var quote = quoted[0];
        if (quoted.Length < 2 || quoted[^1] != quote)
        {
            throw JsonPathParser.Error($"unterminated quoted string {quoted}");
        }

        var value = new StringBuilder(quoted.Length);
        for (var i = 1; i < quoted.Length - 1; i++)
        {
            var c = quoted[i];
            if (c == quote)
            {
                throw JsonPathParser.Error($"unescaped {quote} inside quoted string {quoted}");
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (++i == quoted.Length - 1)
            {
                throw JsonPathParser.Error($"unterminated escape in quoted string {quoted}");
            }

            value.Append(quoted[i] switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                '\\' or '\'' or '"' or '/' => quoted[i],
                var other => throw JsonPathParser.Error($"unknown escape \\{other} in quoted string {quoted}"),
            });
        }

        return value.ToString();
    }

    /// <summary>Splits on <paramref name="separator"/> where it is not inside a quoted string.</summary>
    public static List<string> SplitOutsideQuotes(string text, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\'' or '"')
            {
                i = SkipQuoted(text, i);
            }
            else if (text[i] == separator)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    // Index of the closing quote of the string opening at start, or the end of the text.
    public static int SkipQuoted(string text, int start)
    {
        var quote = text[start];
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                return i;
            }
        }

        return text.Length;
    }
}

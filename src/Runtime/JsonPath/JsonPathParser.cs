using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.JsonPath;

/// <summary>
/// Parses the JSONPath dialect of <see cref="JsonPathExpression"/> into segments. It accepts what
/// Kubernetes' parser accepts for a single <c>{…}</c> action, and additionally keys with dots in
/// brackets (<c>['a.b']</c> is one key here; Kubernetes splits it) and double-quoted keys.
/// </summary>
internal sealed class JsonPathParser
{
    private readonly string _text;
    private int _position;

    private JsonPathParser(string text) => _text = text;

    public static JsonPathSegment[] Parse(string path)
    {
        var body = Unwrap(path);
        var start = body.Length > 0 && body[0] is '$' or '@' ? 1 : 0;

        // "." alone (or "$", "$.") is the whole object, as in kubectl's {.}.
        if (body.AsSpan(start).Trim() is "" or ".")
        {
            return [];
        }

        return new JsonPathParser(body) { _position = start }.ParseToEnd();
    }

    private static string Unwrap(string path)
    {
        var text = path.Trim();
        if (text.StartsWith('{'))
        {
            if (!text.EndsWith('}'))
            {
                throw Error($"unclosed action in \"{path}\": expected '}}'");
            }

            text = text[1..^1].Trim();
        }

        if (text.Length == 0)
        {
            throw Error("empty JSONPath expression");
        }

        return text;
    }

    private JsonPathSegment[] ParseToEnd()
    {
        var segments = new List<JsonPathSegment>();
        while (_position < _text.Length)
        {
            switch (_text[_position])
            {
                case ' ' or '\t':
                    _position++;
                    break;
                case '.' when Peek(1) == '.':
                    _position += 2;
                    segments.Add(RecursiveDescentSegment.Instance);
                    if (Peek(0) != '[')
                    {
                        segments.Add(ParseMemberAfterDot("'..'"));
                    }

                    break;
                case '.':
                    _position++;
                    segments.Add(ParseMemberAfterDot("'.'"));
                    break;
                case '[':
                    segments.Add(Peek(1) == '?' ? ParseFilter() : ParseBracket());
                    break;
                default:
                    throw Error($"unexpected character '{_text[_position]}' at position {_position} in \"{_text}\"");
            }
        }

        return [.. segments];
    }

    private JsonPathSegment ParseMemberAfterDot(string after)
    {
        if (Peek(0) == '*')
        {
            _position++;
            return WildcardSegment.Instance;
        }

        var name = new StringBuilder();
        while (_position < _text.Length && !IsTerminator(_text[_position]))
        {
            // A backslash makes the next character part of the name, e.g. app\.kubernetes\.io/name.
            if (_text[_position] == '\\' && _position + 1 < _text.Length)
            {
                _position++;
            }

            name.Append(_text[_position++]);
        }

        if (name.Length == 0)
        {
            throw Error($"expected a field name after {after} at position {_position} in \"{_text}\"");
        }

        return new ChildSegment(name.ToString());
    }

    private JsonPathSegment ParseBracket()
    {
        var close = FindOutsideQuotes(_position + 1, ']');
        if (close < 0)
        {
            throw Error($"unterminated '[' at position {_position} in \"{_text}\"");
        }

        var content = _text[(_position + 1)..close].Trim();
        _position = close + 1;
        var parts = SplitOutsideQuotes(content, ',');
        return parts.Count == 1
            ? ParseSelector(parts[0])
            : new UnionSegment([.. parts.Select(ParseSelector)]);
    }

    private static JsonPathSegment ParseSelector(string selector)
    {
        selector = selector.Trim();
        if (selector is "*")
        {
            return WildcardSegment.Instance;
        }

        if (selector.Length >= 2 && selector[0] is '\'' or '"')
        {
            return new ChildSegment(Unquote(selector));
        }

        if (selector.Contains(':'))
        {
            return ParseSlice(selector);
        }

        if (TryParseInt(selector, out var index) && index is not null)
        {
            return new IndexSegment(index.Value);
        }

        throw Error($"invalid array index '{selector}' (quote a key: ['{selector}'])");
    }

    private static SliceSegment ParseSlice(string selector)
    {
        var bounds = selector.Split(':');
        if (bounds.Length > 3
            || !TryParseInt(bounds[0], out var start)
            || !TryParseInt(bounds[1], out var end)
            || !TryParseInt(bounds.Length == 3 ? bounds[2] : "", out var step))
        {
            throw Error($"invalid array slice '{selector}'");
        }

        if (step is <= 0)
        {
            throw Error($"invalid array slice '{selector}': the step must be positive");
        }

        return new SliceSegment(start, end, step ?? 1);
    }

    private FilterSegment ParseFilter()
    {
        if (Peek(2) != '(')
        {
            throw Error($"expected '[?(' at position {_position} in \"{_text}\"");
        }

        var close = FindOutsideQuotes(_position + 3, ')');
        if (close < 0 || close + 1 >= _text.Length || _text[close + 1] != ']')
        {
            throw Error($"unterminated filter at position {_position} in \"{_text}\": expected ')]'");
        }

        var expression = _text[(_position + 3)..close].Trim();
        _position = close + 2;
        return FilterParser.Parse(expression);
    }

    /// <summary>Parses a path relative to a filter's current element (the text after '@').</summary>
    internal static JsonPathSegment[] ParseRelative(string text) => new JsonPathParser(text).ParseToEnd();

    /// <summary>Removes the quotes of <c>'…'</c> or <c>"…"</c> and resolves backslash escapes.</summary>
    internal static string Unquote(string quoted)
    {
        var quote = quoted[0];
        if (quoted.Length < 2 || quoted[^1] != quote)
        {
            throw Error($"unterminated quoted string {quoted}");
        }

        var value = new StringBuilder(quoted.Length);
        for (var i = 1; i < quoted.Length - 1; i++)
        {
            var c = quoted[i];
            if (c == quote)
            {
                throw Error($"unescaped {quote} inside quoted string {quoted}");
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (++i == quoted.Length - 1)
            {
                throw Error($"unterminated escape in quoted string {quoted}");
            }

            value.Append(quoted[i] switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                '\\' or '\'' or '"' or '/' => quoted[i],
                var other => throw Error($"unknown escape \\{other} in quoted string {quoted}"),
            });
        }

        return value.ToString();
    }

    /// <summary>Splits on <paramref name="separator"/> where it is not inside a quoted string.</summary>
    internal static List<string> SplitOutsideQuotes(string text, char separator)
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
    internal static int SkipQuoted(string text, int start)
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

    internal static JsonPathParseException Error(string message) => new(message);

    private int FindOutsideQuotes(int start, char target)
    {
        for (var i = start; i < _text.Length; i++)
        {
            if (_text[i] is '\'' or '"')
            {
                i = SkipQuoted(_text, i);
            }
            else if (_text[i] == target)
            {
                return i;
            }
        }

        return -1;
    }

    // Empty text is a valid "absent" bound (null); anything else must be a whole int.
    private static bool TryParseInt(string text, out int? value)
    {
        value = null;
        text = text.Trim();
        if (text.Length == 0)
        {
            return true;
        }

        if (text.AsSpan().TrimStart('-').ContainsAnyExceptInRange('0', '9')
            || !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    private char Peek(int offset) =>
        _position + offset < _text.Length ? _text[_position + offset] : '\0';

    // Kubernetes' isTerminator: what ends a field name after '.'.
    private static bool IsTerminator(char c) =>
        c is ' ' or '\t' or '\r' or '\n' or '.' or ',' or '[' or ']' or '$' or '@' or '{' or '}';
}

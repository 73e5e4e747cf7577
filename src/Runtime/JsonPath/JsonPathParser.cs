using System.Globalization;
using System.Text;

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
        var parts = QuotedText.SplitOutsideQuotes(content, ',');
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
            return new ChildSegment(QuotedText.Unquote(selector));
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

    internal static JsonPathParseException Error(string message) => new(message);

    private int FindOutsideQuotes(int start, char target)
    {
        for (var i = start; i < _text.Length; i++)
        {
            if (_text[i] is '\'' or '"')
            {
                i = QuotedText.SkipQuoted(_text, i);
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

using System.Text;

namespace ApiBuilder.Runtime.Patch;

/// <summary>A parsed JSON Pointer (RFC 6901): "" is the whole document, "/a/0" a member then an element.</summary>
internal sealed class JsonPointer
{
    private readonly string[] _tokens;

    private JsonPointer(string text, string[] tokens)
    {
        Text = text;
        _tokens = tokens;
    }

    /// <summary>The pointer as written, still escaped.</summary>
    public string Text { get; }

    /// <summary>The unescaped reference tokens.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    public bool IsRoot => _tokens.Length == 0;

    public static bool TryParse(string text, out JsonPointer? pointer, out string? error)
    {
        pointer = null;
        if (text.Length == 0)
        {
            pointer = new JsonPointer(text, []);
            error = null;
            return true;
        }

        if (text[0] != '/')
        {
            error = $"JSON pointer \"{text}\" must be empty or start with '/'";
            return false;
        }

        var tokens = new List<string>();
        var token = new StringBuilder();
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '/')
            {
                tokens.Add(token.ToString());
                token.Clear();
                continue;
            }

            if (text[i] != '~')
            {
                token.Append(text[i]);
                continue;
            }

            // Only ~0 and ~1 are defined; anything else is a syntax error, not a literal tilde.
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (next is not ('0' or '1'))
            {
                error = $"JSON pointer \"{text}\" has an invalid escape: '~' must be followed by '0' or '1'";
                return false;
            }

            token.Append(next == '0' ? '~' : '/');
            i++;
        }

        pointer = new JsonPointer(text, [.. tokens]);
        error = null;
        return true;
    }

    /// <summary>
    /// Parses an array index token: decimal digits without leading zeros (RFC 6901 section 4).
    /// "-" is not an index; callers handle it where it is allowed.
    /// </summary>
    public static bool TryParseArrayIndex(string token, out int index)
    {
        index = -1;
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0'))
        {
            return false;
        }

        long value = 0;
        foreach (var c in token)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
            if (value > int.MaxValue)
            {
                return false;
            }
        }

        index = (int)value;
        return true;
    }

    /// <summary>True when <paramref name="other"/> points strictly inside the location this pointer names.</summary>
    public bool IsProperPrefixOf(JsonPointer other)
    {
        if (other._tokens.Length <= _tokens.Length)
        {
            return false;
        }

        for (var i = 0; i < _tokens.Length; i++)
        {
            if (!string.Equals(_tokens[i], other._tokens[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when both pointers name the same location (escaping differences aside).</summary>
    public bool SameLocationAs(JsonPointer other) => _tokens.AsSpan().SequenceEqual(other._tokens);

    public override string ToString() => Text;
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.ManagedFields;

/// <summary>
/// One step of a field path, held as its FieldsV1 token (<c>f:name</c>, <c>k:{...}</c>, <c>v:...</c>, <c>i:N</c>);
/// two elements are equal when their tokens are. Keys and values are kept in canonical JSON (sorted key
/// names, Go's escaping) so that equal items always produce the same token.
/// </summary>
internal readonly struct PathElement : IEquatable<PathElement>, IComparable<PathElement>
{
    private PathElement(PathElementKind kind, string token)
    {
        Kind = kind;
        Token = token;
    }

    public PathElementKind Kind { get; }

    /// <summary>The FieldsV1 form of the element.</summary>
    public string Token { get; }

    /// <summary>The field name of a <see cref="PathElementKind.Field"/> element.</summary>
    public string FieldName => Token[2..];

    public static PathElement Field(string name) => new(PathElementKind.Field, "f:" + name);

    public static PathElement Index(int index) => new(PathElementKind.Index, "i:" + index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static PathElement Value(JsonNode? value)
    {
        var text = new StringBuilder("v:");
        CanonicalJson.Write(value, text);
        return new(PathElementKind.Value, text.ToString());
    }

    /// <summary>An item of a list of type map, by its key fields (taken in name order).</summary>
    public static PathElement Key(IReadOnlyList<KeyValuePair<string, JsonNode?>> fields)
    {
        var text = new StringBuilder("k:{");
        var first = true;
        foreach (var (name, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (!first)
            {
                text.Append(',');
            }

            first = false;
            CanonicalJson.WriteString(name, text);
            text.Append(':');
            CanonicalJson.Write(value, text);
        }

        return new(PathElementKind.Key, text.Append('}').ToString());
    }

    /// <summary>Reads a FieldsV1 token; null when it is not one.</summary>
    public static PathElement? Parse(string token)
    {
        if (token.Length < 2 || token[1] != ':')
        {
            return null;
        }

        switch (token[0])
        {
            case 'f':
                return new PathElement(PathElementKind.Field, token);
            case 'i':
                return int.TryParse(token.AsSpan(2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)
                    ? new PathElement(PathElementKind.Index, token)
                    : null;
            case 'v':
                return TryParseJson(token, out var value) ? Value(value) : null;
            case 'k':
                if (!TryParseJson(token, out var key) || key is not JsonObject fields || fields.Count == 0)
                {
                    return null;
                }

                return Key([.. fields]);
            default:
                return null;
        }
    }

    private static bool TryParseJson(string token, out JsonNode? value)
    {
        try
        {
            value = JsonNode.Parse(token.AsSpan(2).ToString());
            return true;
        }
        catch (JsonException)
        {
            value = null;
            return false;
        }
    }

    /// <summary>The JSON of a key or value element (null for other kinds).</summary>
    public JsonNode? Json() => Kind is PathElementKind.Key or PathElementKind.Value ? JsonNode.Parse(Token.AsSpan(2).ToString()) : null;

    public bool Equals(PathElement other) => Token == other.Token;

    public override bool Equals(object? obj) => obj is PathElement other && Equals(other);

    public override int GetHashCode() => Token.GetHashCode(StringComparison.Ordinal);

    /// <summary>structured-merge-diff's order: fields, then keys, values and indexes, each compared by content.</summary>
    public int CompareTo(PathElement other)
    {
        if (Kind != other.Kind)
        {
            return Kind.CompareTo(other.Kind);
        }

        return Kind switch
        {
            PathElementKind.Field => string.CompareOrdinal(Token, other.Token),
            PathElementKind.Index => int.Parse(Token.AsSpan(2), provider: System.Globalization.CultureInfo.InvariantCulture)
                .CompareTo(int.Parse(other.Token.AsSpan(2), provider: System.Globalization.CultureInfo.InvariantCulture)),
            PathElementKind.Key => ValueOrder.CompareKeys((JsonObject)Json()!, (JsonObject)other.Json()!),
            _ => ValueOrder.Compare(Json(), other.Json()),
        };
    }

    /// <summary>The element as Kubernetes prints it in paths: <c>.name</c>, <c>[name="a"]</c>, <c>[="a"]</c>, <c>[0]</c>.</summary>
    public override string ToString() => Kind switch
    {
        PathElementKind.Field => "." + FieldName,
        PathElementKind.Index => "[" + Token[2..] + "]",
        PathElementKind.Value => "[=" + ValueOrder.Print(Json()) + "]",
        _ => "[" + string.Join(",", ((JsonObject)Json()!).Select(f => f.Key + "=" + ValueOrder.Print(f.Value))) + "]",
    };
}

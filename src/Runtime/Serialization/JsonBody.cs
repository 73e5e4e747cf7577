using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Serialization;

/// <summary>
/// Parses request bodies into <see cref="JsonNode"/>s with the reader directly, so that duplicate
/// keys are noticed (and reported by field path) instead of failing or silently winning.
/// The last duplicate wins, as in Kubernetes' decoders.
/// </summary>
internal static class JsonBody
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256, CommentHandling = JsonCommentHandling.Disallow };

    /// <exception cref="JsonException">
    /// The body is not one valid JSON value: a syntax error, bytes that are not UTF-8, a string with
    /// a lone surrogate escape (<c>"\ud800"</c>), or a number outside the range of a double.
    /// </exception>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8, ICollection<string>? duplicateFields = null)
    {
        if (Utf8Input.FirstInvalidByte(utf8) is >= 0 and var invalid)
        {
            throw new JsonException($"invalid UTF-8 at byte offset {invalid}");
        }

        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        if (!reader.Read())
        {
            throw new JsonException("unexpected end of JSON input");
        }

        var node = ReadValue(ref reader, "", duplicateFields);
        if (reader.Read())
        {
            throw new JsonException($"invalid character after top-level value at byte {reader.TokenStartIndex}");
        }

        return node;
    }

    private static JsonNode? ReadValue(ref Utf8JsonReader reader, string path, ICollection<string>? duplicates)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new JsonObject();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = ReadString(ref reader);
                    reader.Read();
                    var childPath = path.Length == 0 ? name : path + "." + name;
                    var value = ReadValue(ref reader, childPath, duplicates);
                    if (obj.ContainsKey(name))
                    {
                        duplicates?.Add(childPath);
                        obj.Remove(name);
                    }

                    obj[name] = value;
                }

                return obj;
            case JsonTokenType.StartArray:
                var array = new JsonArray();
                var index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    array.Add(ReadValue(ref reader, $"{path}[{index}]", duplicates));
                    index++;
                }

                return array;
            case JsonTokenType.String:
                return JsonValue.Create(ReadString(ref reader));
            case JsonTokenType.Number:
                return ReadNumber(ref reader, path);
            case JsonTokenType.True:
                return JsonValue.Create(true);
            case JsonTokenType.False:
                return JsonValue.Create(false);
            case JsonTokenType.Null:
                return null;
            default:
                throw new JsonException($"unexpected token {reader.TokenType}");
        }
    }

    private static string ReadString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // The bytes are valid UTF-8 (checked above), so only an escape can be at fault: a lone
            // surrogate such as "\ud800", which no .NET or UTF-8 string can hold.
            throw new JsonException($"invalid string at byte offset {reader.TokenStartIndex}: a \\u escape is a lone UTF-16 surrogate");
        }
    }

    private static JsonNode ReadNumber(ref Utf8JsonReader reader, string path)
    {
        if (reader.TryGetInt64(out var l))
        {
            return JsonValue.Create(l);
        }

        if (reader.TryGetDecimal(out var m) && !Encoding.UTF8.GetString(reader.ValueSpan).ContainsAny('e', 'E'))
        {
            return JsonValue.Create(m);
        }

        if (reader.TryGetDouble(out var d) && double.IsFinite(d))
        {
            return JsonValue.Create(d);
        }

        // As Go's decoder: a number no float64 can hold is an error, not infinity.
        var text = Encoding.UTF8.GetString(reader.ValueSpan);
        throw new JsonException($"cannot unmarshal number {text} into Go value of type float64 (at {(path.Length == 0 ? "the top level" : path)})");
    }
}

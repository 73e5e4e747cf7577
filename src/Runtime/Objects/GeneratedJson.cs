using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Objects;

/// <summary>
/// Building blocks of the JSON readers and writers the source generator emits. Not meant to be
/// called by hand; may change with the generator.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedJson
{
    /// <summary>Reads <c>metadata</c>.</summary>
    public static ObjectMeta ReadObjectMeta(ref Utf8JsonReader reader) => ObjectMetaJson.Read(ref reader);

    /// <summary>Writes <c>metadata</c> (as a value; the property name is written by the caller).</summary>
    public static void WriteObjectMeta(Utf8JsonWriter writer, ObjectMeta value) => ObjectMetaJson.Write(writer, value);

    /// <summary>Throws unless the reader is on <c>StartObject</c>.</summary>
    public static void ExpectObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Unexpected(ref reader, "an object");
        }
    }

    /// <summary>Moves to the next property of an object: true with the reader on the property's name, false at <c>EndObject</c>.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("Unexpected end of JSON.");
        }

        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Skips the value of the current property (the reader is on its name).</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>Reads a string that must not be null.</summary>
    public static string ReadString(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw Unexpected(ref reader, "a string");

    /// <summary>Reads an RFC 3339 time.</summary>
    public static DateTimeOffset ReadTime(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String
            ? DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : throw Unexpected(ref reader, "a date-time string");

    /// <summary>Writes an RFC 3339 time in UTC, with fractional seconds only when present.</summary>
    public static void WriteTime(Utf8JsonWriter writer, DateTimeOffset value) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));

    /// <summary>Writes a <see cref="DateTime"/> as RFC 3339 (unspecified kinds are taken as UTC).</summary>
    public static void WriteTime(Utf8JsonWriter writer, DateTime value) =>
        WriteTime(writer, new DateTimeOffset(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc)));

    /// <summary>Reads any JSON value (null for JSON null).</summary>
    public static JsonNode? ReadNode(ref Utf8JsonReader reader) => JsonNode.Parse(ref reader);

    /// <summary>Reads a JSON object.</summary>
    public static JsonObject ReadJsonObject(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.StartObject ? (JsonObject)JsonNode.Parse(ref reader)! : throw Unexpected(ref reader, "an object");

    /// <summary>Reads an array into a list.</summary>
    public static List<T> ReadList<T>(ref Utf8JsonReader reader, JsonReadFunc<T> readItem)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Unexpected(ref reader, "an array");
        }

        var list = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(readItem(ref reader));
        }

        return list;
    }

    /// <summary>Reads an object into a dictionary.</summary>
    public static Dictionary<string, T> ReadMap<T>(ref Utf8JsonReader reader, JsonReadFunc<T> readValue)
    {
        ExpectObject(ref reader);
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            map[key] = readValue(ref reader);
        }

        return map;
    }

    /// <summary>Writes a sequence as an array.</summary>
    public static void WriteList<T>(Utf8JsonWriter writer, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeItem)
    {
        writer.WriteStartArray();
        foreach (var item in items)
        {
            writeItem(writer, item);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a map as an object, keys in ordinal order so output is stable.</summary>
    public static void WriteMap<T>(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, T>> map, Action<Utf8JsonWriter, T> writeValue)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(key);
            writeValue(writer, value);
        }

        writer.WriteEndObject();
    }

    /// <summary>The exception for a token of the wrong kind.</summary>
    public static JsonException Unexpected(ref Utf8JsonReader reader, string expected) =>
        new($"Expected {expected} but found {reader.TokenType} at byte {reader.TokenStartIndex}.");

    /// <summary>The exception for an enum value that is not one of the declared names.</summary>
    public static JsonException UnknownEnumValue(string? value, string enumName) =>
        new($"\"{value}\" is not a value of {enumName}.");
}

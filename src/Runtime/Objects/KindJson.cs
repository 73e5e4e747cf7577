using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Objects;

/// <summary>
/// Conversions between typed Kinds and JSON, through the reflection-free readers and writers
/// the source generator emits (<see cref="IKind{TSelf}"/>).
/// </summary>
public static class KindJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    /// <summary>Reads a Kind from UTF-8 JSON. Throws <see cref="JsonException"/> when the JSON does not fit the Kind.</summary>
    public static TKind Deserialize<TKind>(ReadOnlySpan<byte> utf8Json)
        where TKind : KubernetesObject, IKind<TKind>
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 128 });
        try
        {
            if (!reader.Read())
            {
                throw new JsonException("Expected a JSON object, found nothing.");
            }

            return TKind.ReadJson(ref reader);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException)
        {
            // Utf8JsonReader's typed getters throw these for a number or string of the wrong shape.
            throw new JsonException(e.Message, e);
        }
    }

    /// <summary>Writes a Kind as UTF-8 JSON.</summary>
    public static byte[] SerializeToUtf8Bytes<TKind>(TKind value)
        where TKind : KubernetesObject, IKind<TKind>
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffer = new ArrayBufferWriter<byte>(1024);
        Write(value, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes a Kind as UTF-8 JSON into <paramref name="buffer"/>.</summary>
    internal static void Write<TKind>(TKind value, IBufferWriter<byte> buffer)
        where TKind : KubernetesObject, IKind<TKind>
    {
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        TKind.WriteJson(writer, value);
    }

    /// <summary>Converts a JSON object (as admission plugins see it) to the typed Kind.</summary>
    public static TKind FromJsonObject<TKind>(JsonObject json)
        where TKind : KubernetesObject, IKind<TKind>
    {
        ArgumentNullException.ThrowIfNull(json);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteTo(writer);
        }

        return Deserialize<TKind>(buffer.WrittenSpan);
    }

    /// <summary>Converts a typed Kind to a JSON object.</summary>
    public static JsonObject ToJsonObject<TKind>(TKind value)
        where TKind : KubernetesObject, IKind<TKind>
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffer = new ArrayBufferWriter<byte>(1024);
        Write(value, buffer);

        // Parsed from the written bytes as they are, without copying them to an array first.
        return (JsonObject)JsonNode.Parse(buffer.WrittenSpan)!;
    }
}

using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Storage;

/// <summary>
/// How backends that keep bytes (SQLite, etcd) encode objects: UTF-8 JSON without
/// <c>metadata.resourceVersion</c>, which is the revision of the write and is put back on read,
/// as kube-apiserver keeps it out of etcd values.
/// </summary>
internal static class StoredValues
{
    public static byte[] Encode(JsonObject value)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        // Escaped as responses are (non-ASCII text as it is), so an object written out unparsed reads as one re-encoded would.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach (var (name, node) in value)
            {
                writer.WritePropertyName(name);
                if (name == "metadata" && node is JsonObject metadata)
                {
                    writer.WriteStartObject();
                    foreach (var (field, fieldValue) in metadata)
                    {
                        if (field != "resourceVersion")
                        {
                            writer.WritePropertyName(field);
                            WriteNode(writer, fieldValue);
                        }
                    }

                    writer.WriteEndObject();
                }
                else
                {
                    WriteNode(writer, node);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>How deep a stored value may nest.</summary>
    public const int MaxDepth = 256;

    /// <summary>Decodes a stored value and sets its revision; a value that is not an object makes the key unreadable (<see cref="StorageErrorCode.Unavailable"/>).</summary>
    /// <remarks>
    /// The revision is written into the bytes (as <c>metadata.resourceVersion</c>), which are
    /// checked to be one JSON object and kept as they are: the object is parsed only when someone
    /// reads into it, so a watch cache of such objects costs little more than their JSON, and an
    /// object written out as it is costs no parse at all.
    /// </remarks>
    public static StoredObject Decode(string key, byte[]? value, long revision, string backend)
    {
        if (value is not null)
        {
            try
            {
                if (Spliced(value, revision) is { } spliced)
                {
                    return StoredObject.FromJson(key, spliced, revision);
                }

                // Values written by others (no metadata, a resourceVersion kept, ...): rewritten.
                var buffer = new ArrayBufferWriter<byte>(value.Length + 48);
                if (WithResourceVersion(value, revision, buffer))
                {
                    return StoredObject.FromJson(key, buffer.WrittenSpan.ToArray(), revision);
                }
            }
            catch (JsonException)
            {
                // Not JSON: unreadable, as below.
            }
        }

        throw new StorageException(StorageErrorCode.Unavailable, key, $"{backend} value of {key} at revision {revision} is not a JSON object");
    }

    /// <summary>
    /// The common case without rewriting: a value as <see cref="Encode"/> writes it (one <c>metadata</c> object
    /// without <c>resourceVersion</c>, nothing after the object) gets <c>"resourceVersion":"N"</c> inserted before
    /// its metadata's closing brace, the rest copied as it is; null for any other value (which
    /// <see cref="WithResourceVersion"/> handles).
    /// </summary>
    private static byte[]? Spliced(byte[] value, long revision)
    {
        var reader = new Utf8JsonReader(value, new JsonReaderOptions { MaxDepth = MaxDepth });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var close = -1;
        var empty = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMetadata = reader.ValueTextEquals("metadata"u8);
            reader.Read();
            if (!isMetadata)
            {
                reader.Skip();
                continue;
            }

            if (close >= 0 || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("resourceVersion"u8))
                {
                    return null;
                }

                empty = false;
                reader.Read();
                reader.Skip();
            }

            close = (int)reader.TokenStartIndex;
        }

        if (close < 0 || reader.Read())
        {
            return null;
        }

        Span<byte> digits = stackalloc byte[20];
        revision.TryFormat(digits, out var length, default, System.Globalization.CultureInfo.InvariantCulture);
        ReadOnlySpan<byte> field = empty ? "\"resourceVersion\":\""u8 : ",\"resourceVersion\":\""u8;
        var result = new byte[value.Length + field.Length + length + 1];
        value.AsSpan(0, close).CopyTo(result);
        field.CopyTo(result.AsSpan(close));
        digits[..length].CopyTo(result.AsSpan(close + field.Length));
        result[close + field.Length + length] = (byte)'"';
        value.AsSpan(close).CopyTo(result.AsSpan(close + field.Length + length + 1));
        return result;
    }

    /// <summary>
    /// Copies a stored object with <c>metadata.resourceVersion</c> set to the revision, copying
    /// every other value as its bytes; false when the value is not a JSON object.
    /// </summary>
    private static bool WithResourceVersion(byte[] value, long revision, ArrayBufferWriter<byte> buffer)
    {
        var reader = new Utf8JsonReader(value, new JsonReaderOptions { MaxDepth = MaxDepth });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        Span<byte> digits = stackalloc byte[20];
        revision.TryFormat(digits, out var length, default, System.Globalization.CultureInfo.InvariantCulture);
        var resourceVersion = digits[..length];
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        writer.WriteStartObject();
        var hasMetadata = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMetadata = reader.ValueTextEquals("metadata"u8);
            var name = reader.GetString()!;
            reader.Read();
            if (isMetadata)
            {
                if (hasMetadata)
                {
                    // A second metadata: as a JSON object would, the last one wins; stored values never have two.
                    return false;
                }

                hasMetadata = true;
                writer.WritePropertyName(name);
                writer.WriteStartObject();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var skip = reader.ValueTextEquals("resourceVersion"u8);
                        var field = reader.GetString()!;
                        reader.Read();
                        if (skip)
                        {
                            reader.Skip();
                            continue;
                        }

                        writer.WritePropertyName(field);
                        CopyValue(ref reader, value, writer);
                    }
                }
                else
                {
                    // Not an object: replaced by one that carries the revision.
                    reader.Skip();
                }

                writer.WriteString("resourceVersion"u8, resourceVersion);
                writer.WriteEndObject();
                continue;
            }

            writer.WritePropertyName(name);
            CopyValue(ref reader, value, writer);
        }

        if (!hasMetadata)
        {
            writer.WritePropertyName("metadata"u8);
            writer.WriteStartObject();
            writer.WriteString("resourceVersion"u8, resourceVersion);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();

        // Anything after the object (the reader throws on all but whitespace) makes it no object.
        return !reader.Read();
    }

    /// <summary>Copies the value the reader is on as its bytes.</summary>
    private static void CopyValue(ref Utf8JsonReader reader, byte[] value, Utf8JsonWriter writer)
    {
        var start = (int)reader.TokenStartIndex;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }

        writer.WriteRawValue(value.AsSpan(start, (int)reader.BytesConsumed - start), skipInputValidation: true);
    }

    private static void WriteNode(Utf8JsonWriter writer, JsonNode? node)
    {
        if (node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(writer);
        }
    }
}

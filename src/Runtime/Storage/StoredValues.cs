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
        using (var writer = new Utf8JsonWriter(buffer))
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

    /// <summary>Decodes a stored value and sets its revision; a value that is not an object makes the key unreadable (<see cref="StorageErrorCode.Unavailable"/>).</summary>
    /// <remarks>
    /// The revision is written into the bytes (as <c>metadata.resourceVersion</c>) before they are
    /// parsed, so the object stays one parsed document until someone reads into it: a watch cache
    /// of such objects costs little more than their JSON, and an object written out as it is
    /// costs no node per field.
    /// </remarks>
    public static StoredObject Decode(string key, byte[]? value, long revision, string backend)
    {
        JsonObject? obj = null;
        if (value is not null)
        {
            try
            {
                var buffer = new ArrayBufferWriter<byte>(value.Length + 48);
                if (WithResourceVersion(value, revision, buffer))
                {
                    obj = JsonNode.Parse(buffer.WrittenSpan) as JsonObject;
                }
            }
            catch (JsonException)
            {
                obj = null;
            }
        }

        return new StoredObject(key, obj
            ?? throw new StorageException(StorageErrorCode.Unavailable, key, $"{backend} value of {key} at revision {revision} is not a JSON object"), revision);
    }

    /// <summary>
    /// Copies a stored object with <c>metadata.resourceVersion</c> set to the revision, copying
    /// every other value as its bytes; false when the value is not a JSON object.
    /// </summary>
    private static bool WithResourceVersion(byte[] value, long revision, ArrayBufferWriter<byte> buffer)
    {
        var reader = new Utf8JsonReader(value, new JsonReaderOptions { MaxDepth = 256 });
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
        return true;
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

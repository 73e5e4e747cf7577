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
    public static StoredObject Decode(string key, byte[]? value, long revision, string backend)
    {
        var obj = (value is null ? null : JsonNode.Parse(value) as JsonObject)
            ?? throw new StorageException(StorageErrorCode.Unavailable, key, $"{backend} value of {key} at revision {revision} is not a JSON object");
        ObjectRevision.Set(obj, revision);
        return new StoredObject(key, obj, revision);
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

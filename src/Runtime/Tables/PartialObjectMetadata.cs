using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Tables;

/// <summary>The <c>meta.k8s.io</c> PartialObjectMetadata forms used by the metadata client and Table rows.</summary>
internal static class PartialObjectMetadata
{
    public static JsonObject From(JsonObject obj, string version = "v1") => new()
    {
        ["kind"] = "PartialObjectMetadata",
        ["apiVersion"] = "meta.k8s.io/" + version,
        ["metadata"] = obj["metadata"]?.DeepClone() ?? new JsonObject(),
    };

    /// <summary>Writes what <see cref="From"/> builds without copying the metadata.</summary>
    public static void Write(Utf8JsonWriter writer, JsonObject obj, string version = "v1")
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "PartialObjectMetadata");
        writer.WriteString("apiVersion", "meta.k8s.io/" + version);
        writer.WritePropertyName("metadata");
        if (obj["metadata"] is { } metadata)
        {
            metadata.WriteTo(writer);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary><see cref="Write(Utf8JsonWriter, JsonObject, string)"/> from a parsed document.</summary>
    public static void Write(Utf8JsonWriter writer, JsonElement obj, string version = "v1")
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "PartialObjectMetadata");
        writer.WriteString("apiVersion", "meta.k8s.io/" + version);
        writer.WritePropertyName("metadata");
        if (obj.TryGetProperty("metadata", out var metadata) && metadata.ValueKind != JsonValueKind.Null)
        {
            // The stored bytes as they are: a parsed document's value is valid JSON.
            writer.WriteRawValue(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(metadata), skipInputValidation: true);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    public static JsonObject List(IEnumerable<JsonObject> items, JsonObject listMeta, string version = "v1")
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(From(item, version));
        }

        return new JsonObject
        {
            ["kind"] = "PartialObjectMetadataList",
            ["apiVersion"] = "meta.k8s.io/" + version,
            ["metadata"] = listMeta,
            ["items"] = array,
        };
    }
}

using System.Text.Json.Nodes;
using ApiBuilder.Runtime.ManagedFields;
using ApiBuilder.Runtime.Schema;

namespace ApiBuilder.Runtime.Tests.ManagedFields;

/// <summary>A Kind schema with every list and map type, as the generator would publish it.</summary>
internal static class TestTypes
{
    public static readonly JsonObject Schema = JsonNode.Parse("""
        {
          "type": "object",
          "properties": {
            "spec": {
              "type": "object",
              "properties": {
                "replicas": {"type": "integer"},
                "image": {"type": "string"},
                "tags": {"type": "array", "items": {"type": "string"}, "x-kubernetes-list-type": "set"},
                "args": {"type": "array", "items": {"type": "string"}},
                "ports": {
                  "type": "array",
                  "x-kubernetes-list-type": "map",
                  "x-kubernetes-list-map-keys": ["port", "protocol"],
                  "items": {"type": "object", "required": ["port", "protocol"], "properties": {
                    "port": {"type": "integer"}, "protocol": {"type": "string"}, "name": {"type": "string"}}}
                },
                "containers": {
                  "type": "array",
                  "x-kubernetes-list-type": "map",
                  "x-kubernetes-list-map-keys": ["name"],
                  "items": {"type": "object", "required": ["name"], "properties": {
                    "name": {"type": "string"}, "image": {"type": "string"},
                    "env": {"type": "object", "additionalProperties": {"type": "string"}}}}
                },
                "selector": {"type": "object", "x-kubernetes-map-type": "atomic", "properties": {
                  "app": {"type": "string"}, "tier": {"type": "string"}}},
                "config": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}
              }
            },
            "status": {"type": "object", "properties": {"phase": {"type": "string"}}}
          }
        }
        """)!.AsObject();

    public static readonly FieldType Widget = FieldTypeBuilder.ForObject(ObjectMetaSchema.Compose(Schema));

    public static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    public static FieldManager Manager(bool statusSubresource = false) =>
        new(Widget, "example.com/v1", "Widget", statusSubresource);

    /// <summary>The fieldsV1 of a set, as JSON text.</summary>
    public static string Fields(FieldSet set)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Encoder = Relaxed.Encoder }))
        {
            FieldsV1.Write(set, writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>JSON text with quotes escaped as \" rather than \u0022, for readable expectations.</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static FieldSet Set(string fieldsV1) => FieldsV1.Decode(JsonNode.Parse(fieldsV1))!;
}

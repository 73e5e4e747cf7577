using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Objects;
using ApiBuilder.Runtime.Resources;

namespace ApiBuilder.Runtime.Tests.Rest;

/// <summary>A Kind written by hand (what the generator writes for a [Kind] class), for tests of user storage.</summary>
public sealed class Gadget : KubernetesObject, IKind<Gadget>
{
    public override string ApiVersion => "test.example.com/v1";

    public override string Kind => "Gadget";

    public long Size { get; set; }

    public string? Phase { get; set; }

    public static ResourceDefinition Definition { get; } = new()
    {
        Group = "test.example.com",
        Version = "v1",
        Kind = "Gadget",
        Plural = "gadgets",
        HasStatusSubresource = true,
        PrinterColumns = [new PrinterColumn("Size", "integer", ".spec.size")],
        SelectableFields = [".spec.size"],
        Schema = (JsonObject)JsonNode.Parse("""
            {"type":"object","properties":{
              "spec":{"type":"object","properties":{"size":{"type":"integer","minimum":0,"default":1}}},
              "status":{"type":"object","properties":{"phase":{"type":"string"}}}}}
            """)!,
    };

    public static Gadget ReadJson(ref Utf8JsonReader reader)
    {
        var node = JsonNode.Parse(ref reader)!;
        var gadget = new Gadget { Size = (long?)node["spec"]?["size"] ?? 0, Phase = (string?)node["status"]?["phase"] };
        if (node["metadata"] is JsonObject metadata)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(metadata);
            var metaReader = new Utf8JsonReader(bytes);
            metaReader.Read();
            gadget.Metadata = ObjectMetaJson.Read(ref metaReader);
        }

        return gadget;
    }

    public static void WriteJson(Utf8JsonWriter writer, Gadget value)
    {
        writer.WriteStartObject();
        writer.WriteString("apiVersion", value.ApiVersion);
        writer.WriteString("kind", value.Kind);
        writer.WritePropertyName("metadata");
        ObjectMetaJson.Write(writer, value.Metadata);
        writer.WriteStartObject("spec");
        writer.WriteNumber("size", value.Size);
        writer.WriteEndObject();
        if (value.Phase is not null)
        {
            writer.WriteStartObject("status");
            writer.WriteString("phase", value.Phase);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}

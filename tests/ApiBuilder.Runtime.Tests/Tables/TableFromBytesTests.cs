using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Storage;
using ApiBuilder.Runtime.Tables;
using ApiBuilder.Runtime.Tests.Registry;

namespace ApiBuilder.Runtime.Tests.Tables;

/// <summary>A Table written from stored bytes is the Table written from the parsed objects.</summary>
public sealed class TableFromBytesTests
{
    private static readonly string[] Objects =
    [
        """{"apiVersion":"test.example.com/v1","kind":"Widget","metadata":{"name":"a","creationTimestamp":"2026-12-01T10:00:00Z","labels":{"x":"é<>"}},"spec":{"size":3,"color":"blue","name":"ünï"},"status":{"phase":"Ready"}}""",
        """{"apiVersion":"test.example.com/v1","kind":"Widget","metadata":{"name":"b","creationTimestamp":""},"spec":{"size":2.5,"color":null}}""",
        """{"apiVersion":"test.example.com/v1","kind":"Widget","metadata":{"name":"c","creationTimestamp":"not a time"},"spec":{"size":"7","color":{"r":1}},"status":null}""",
        """{"apiVersion":"test.example.com/v1","kind":"Widget","metadata":{"name":"d"},"spec":[1,2]}""",
    ];

    public static TheoryData<string, bool> Cases() => new()
    {
        { "Metadata", true }, { "Object", true }, { "None", true }, { "Metadata", false }, { "Object", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rows_from_bytes_match_rows_from_parsed_objects(string includeObject, bool memberChains)
    {
        var widget = TestResources.Widget();
        var definition = new ResourceDefinition
        {
            Group = widget.Group,
            Version = widget.Version,
            Kind = widget.Kind,
            Plural = widget.Plural,
            Schema = widget.Schema,
            PrinterColumns =
            [
                new("Size", "integer", ".spec.size"),
                new("Size", "number", ".spec.size"),
                new("Color", "string", ".spec.color"),
                new("Named", "string", ".spec.name"),
                new("Phase", "string", memberChains ? ".status.phase" : ".status..phase"),
                new("Labels", "string", ".metadata.labels"),
                new("Born", "date", ".metadata.creationTimestamp"),
                new("Flag", "boolean", ".spec.missing"),
            ],
        };
        var time = new FixedTime(DateTimeOffset.Parse("2026-12-03T12:00:00Z"));
        var table = new TableConvertor(definition, time);
        var stored = Objects.Select((json, i) => StoredValues.Decode("/k/" + i, Encoding.UTF8.GetBytes(json), i + 1, "test")).ToList();
        var parsed = stored.Select(s => new StoredObject(s.Key, (JsonObject)JsonNode.Parse(s.Value.ToJsonString())!, s.Revision)).ToList();
        var unparsed = Objects.Select((json, i) => StoredValues.Decode("/k/" + i, Encoding.UTF8.GetBytes(json), i + 1, "test")).ToList();

        var fromParsed = Write(table, parsed, includeObject);
        var fromBytes = Write(table, unparsed, includeObject);

        Assert.Equal(memberChains, unparsed.All(s => !s.UnparsedJson.IsEmpty));

        Assert.Equal(JsonNode.Parse(fromParsed)!.ToJsonString(), JsonNode.Parse(fromBytes)!.ToJsonString());
        var rows = JsonNode.Parse(fromBytes)!["rows"]!.AsArray();
        Assert.Contains(rows[0]!["cells"]!.AsArray(), c => c?.ToString() == "2d2h");
        Assert.Contains(rows[2]!["cells"]!.AsArray(), c => c?.ToString() == "<invalid>");
    }

    private static string Write(TableConvertor table, IReadOnlyList<StoredObject> items, string includeObject)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            table.Write(writer, items, new JsonObject { ["resourceVersion"] = "4" }, includeObject, "v1");
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

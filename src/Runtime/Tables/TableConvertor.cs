using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.JsonPath;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Storage;

namespace ApiBuilder.Runtime.Tables;

/// <summary>
/// Renders objects as a <c>meta.k8s.io</c> Table: Name, the Kind's printer columns, then Age, as
/// kube-apiserver does for custom resources (dates rendered as ages, one cell per column).
/// </summary>
internal sealed class TableConvertor
{
    private readonly List<(PrinterColumn Column, JsonPathExpression? Path)> columns = [];
    private readonly JsonArray columnDefinitions = [];
    private readonly TimeProvider time;

    /// <summary>Every column is a chain of members, so rows can be read from a parsed document without a tree.</summary>
    private readonly bool membersOnly;

    public TableConvertor(ResourceDefinition definition, TimeProvider time)
    {
        this.time = time;
        var all = new List<PrinterColumn>
        {
            new("Name", "string", ".metadata.name")
            {
                Format = "name",
                Description = "Name must be unique within a namespace. It is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically.",
            },
        };
        all.AddRange(definition.PrinterColumns);
        if (!all.Any(c => string.Equals(c.Name, "Age", StringComparison.OrdinalIgnoreCase)))
        {
            all.Add(new PrinterColumn("Age", "date", ".metadata.creationTimestamp")
            {
                Description = "CreationTimestamp is the time the server created this object, in RFC3339 form and UTC.",
            });
        }

        foreach (var column in all)
        {
            columns.Add((column, JsonPathExpression.TryParse(column.JsonPath, out var path, out _) ? path : null));
            columnDefinitions.Add(new JsonObject
            {
                ["name"] = column.Name,
                ["type"] = column.Type,
                ["format"] = column.Format,
                ["description"] = column.Description,
                ["priority"] = column.Priority,
            });
        }

        membersOnly = columns.All(c => c.Path is null || c.Path.IsMemberChain);
    }

    /// <summary>The time ages are measured from.</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Builds a Table; <paramref name="includeObject"/> is None, Metadata or Object.</summary>
    public JsonObject Convert(IEnumerable<JsonObject> objects, JsonObject listMeta, string includeObject, string version, bool withColumns = true)
    {
        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            rows.Add(Row(obj, includeObject, version));
        }

        var table = new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/" + version,
            ["metadata"] = listMeta,
        };
        if (withColumns)
        {
            table["columnDefinitions"] = columnDefinitions.DeepClone();
        }

        table["rows"] = rows;
        return table;
    }

    /// <summary>
    /// Writes the Table <see cref="Convert"/> builds, byte for byte, straight to
    /// <paramref name="writer"/>: the rows' objects and metadata are written from the stored
    /// objects instead of copied into a new tree (a list of thousands of rows costs about what its
    /// JSON list costs). An object still in its stored bytes is read through a pooled document
    /// for its row alone when every column is a chain of members (most are), so no tree is built.
    /// </summary>
    public void Write(Utf8JsonWriter writer, IEnumerable<StoredObject> objects, JsonObject listMeta, string includeObject, string version, bool withColumns = true)
    {
        var now = time.GetUtcNow();
        writer.WriteStartObject();
        writer.WriteString("kind", "Table");
        writer.WriteString("apiVersion", "meta.k8s.io/" + version);
        writer.WritePropertyName("metadata");
        listMeta.WriteTo(writer);
        if (withColumns)
        {
            writer.WritePropertyName("columnDefinitions");
            columnDefinitions.WriteTo(writer);
        }

        writer.WriteStartArray("rows");
        foreach (var stored in objects)
        {
            if (membersOnly && stored.UnparsedJsonMemory is { IsEmpty: false } json)
            {
                using var document = JsonDocument.Parse(json, StoredObject.DocumentOptions);
                WriteRow(writer, new RowSource(stored, document.RootElement), includeObject, version, now);
            }
            else
            {
                WriteRow(writer, new RowSource(stored, null), includeObject, version, now);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private void WriteRow(Utf8JsonWriter writer, RowSource source, string includeObject, string version, DateTimeOffset now)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("cells");
        foreach (var (column, path) in columns)
        {
            WriteCell(writer, path is null ? null : source.Cell(path, column.Type, now));
        }

        writer.WriteEndArray();
        switch (includeObject)
        {
            case "Object":
                writer.WritePropertyName("object");
                source.Stored.WriteTo(writer);
                break;
            case "Metadata":
                writer.WritePropertyName("object");
                source.WriteMetadata(writer, version);
                break;
        }

        writer.WriteEndObject();
    }

    /// <summary>A row's object: read from its parsed document when it has one (its bytes, parsed for the row), else from its value.</summary>
    private readonly record struct RowSource(StoredObject Stored, JsonElement? Document)
    {
        public object? Cell(JsonPathExpression path, string type, DateTimeOffset now) =>
            Document is { } root ? PrinterCell.Render(root, path, type, now) : PrinterCell.Render(Stored.Value, path, type, now);

        public void WriteMetadata(Utf8JsonWriter writer, string version)
        {
            if (Document is { } root)
            {
                PartialObjectMetadata.Write(writer, root, version);
            }
            else
            {
                PartialObjectMetadata.Write(writer, Stored.Value, version);
            }
        }
    }

    /// <summary>Validates the <c>includeObject</c> query parameter (default Metadata).</summary>
    public static string IncludeObject(string? value) => value switch
    {
        null or "" => "Metadata",
        "None" or "Metadata" or "Object" => value,
        _ => throw ApiErrors.BadRequest($"includeObject: Unsupported value: \"{value}\": supported values: \"None\", \"Metadata\", \"Object\""),
    };

    private JsonObject Row(JsonObject obj, string includeObject, string version)
    {
        var cells = new JsonArray();
        foreach (var (column, path) in columns)
        {
            cells.Add(Cell(obj, column, path));
        }

        var row = new JsonObject { ["cells"] = cells };
        switch (includeObject)
        {
            case "Object":
                row["object"] = obj.DeepClone();
                break;
            case "Metadata":
                row["object"] = PartialObjectMetadata.From(obj, version);
                break;
        }

        return row;
    }

    private static void WriteCell(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }

    private JsonNode? Cell(JsonObject obj, PrinterColumn column, JsonPathExpression? path)
    {
        if (path is null)
        {
            return null;
        }

        var value = PrinterCell.Render(obj, path, column.Type, time.GetUtcNow());
        return value switch
        {
            null => null,
            string s => s,
            long l => l,
            int i => i,
            double d => d,
            bool b => b,
            _ => value.ToString(),
        };
    }
}

using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.ManagedFields;

/// <summary>
/// Reads and writes <c>metadata.managedFields</c>: one entry per manager with <c>manager</c>, <c>operation</c>,
/// <c>apiVersion</c>, <c>time</c>, <c>fieldsType: FieldsV1</c>, <c>fieldsV1</c> and <c>subresource</c>, ordered as
/// kube-apiserver orders them (Apply before Update, then by time, manager, apiVersion, subresource).
/// </summary>
internal static class ManagedFieldsCodec
{
    /// <summary>The managers of a managedFields list; null when the list is malformed (duplicate managers included).</summary>
    public static Dictionary<ManagerKey, ManagedEntry>? Decode(JsonNode? managedFields)
    {
        var managers = new Dictionary<ManagerKey, ManagedEntry>();
        if (managedFields is null)
        {
            return managers;
        }

        if (managedFields is not JsonArray entries)
        {
            return null;
        }

        foreach (var node in entries)
        {
            if (node is not JsonObject entry)
            {
                return null;
            }

            var manager = Str(entry, "manager");
            var operation = Str(entry, "operation");
            var apiVersion = Str(entry, "apiVersion");
            var subresource = Str(entry, "subresource");
            var time = Str(entry, "time");
            if (manager is null || apiVersion is null || operation is not (ManagerKey.Apply or ManagerKey.Update)
                || Str(entry, "fieldsType") != "FieldsV1" || (entry.ContainsKey("time") && time is null) || (entry.ContainsKey("subresource") && subresource is null))
            {
                return null;
            }

            var set = entry["fieldsV1"] is null ? new FieldSet() : FieldsV1.Decode(entry["fieldsV1"]);
            if (set is null)
            {
                return null;
            }

            var key = operation == ManagerKey.Apply
                ? ManagerKey.ForApply(manager, subresource ?? "")
                : ManagerKey.ForUpdate(manager, apiVersion, subresource ?? "");
            if (!managers.TryAdd(key, new ManagedEntry(set, apiVersion, time)))
            {
                return null;
            }
        }

        return managers;
    }

    private static string? Str(JsonObject entry, string field) =>
        entry[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Whether a client's managedFields asks to reset them: an empty list, or one empty entry.</summary>
    public static bool IsReset(JsonNode? managedFields) =>
        managedFields is JsonArray { Count: 0 } || managedFields is JsonArray { Count: 1 } one && one[0] is JsonObject { Count: 0 };

    /// <summary>The managedFields list of the managers with fields; null when there are none.</summary>
    /// <remarks>
    /// Written as JSON and parsed back: the list stays one parsed document until someone reads into it,
    /// so an object written as it is stored costs no node per field.
    /// </remarks>
    public static JsonArray? Encode(Dictionary<ManagerKey, ManagedEntry> managers)
    {
        var entries = new List<KeyValuePair<ManagerKey, ManagedEntry>>(managers.Count);
        foreach (var manager in managers)
        {
            if (!manager.Value.Set.IsEmpty)
            {
                entries.Add(manager);
            }
        }

        if (entries.Count == 0)
        {
            return null;
        }

        if (entries.Count > 1)
        {
            entries = [.. entries
                .OrderBy(m => m.Key.Operation, StringComparer.Ordinal)
                .ThenBy(m => Seconds(m.Value.Time))
                .ThenBy(m => m.Key.Manager, StringComparer.Ordinal)
                .ThenBy(m => m.Value.ApiVersion, StringComparer.Ordinal)
                .ThenBy(m => m.Key.Subresource, StringComparer.Ordinal)];
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var (key, entry) in entries)
            {
                writer.WriteStartObject();
                writer.WriteString("manager", key.Manager);
                writer.WriteString("operation", key.Operation);
                writer.WriteString("apiVersion", entry.ApiVersion);
                if (entry.Time is not null)
                {
                    writer.WriteString("time", entry.Time);
                }

                writer.WriteString("fieldsType", "FieldsV1");
                writer.WritePropertyName("fieldsV1");
                FieldsV1.Write(entry.Set, writer);
                if (key.Subresource.Length > 0)
                {
                    writer.WriteString("subresource", key.Subresource);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return (JsonArray)JsonNode.Parse(buffer.WrittenSpan)!;
    }

    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static long Seconds(string? time) =>
        time is not null && DateTimeOffset.TryParse(time, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUnixTimeSeconds()
            : 0;
}

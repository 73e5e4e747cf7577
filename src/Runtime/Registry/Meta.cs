using System.Globalization;
using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Registry;

/// <summary>Small accessors for <c>metadata</c> fields of JSON objects.</summary>
internal static class Meta
{
    public static JsonObject Of(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }

        metadata = new JsonObject();
        obj["metadata"] = metadata;
        return metadata;
    }

    public static string Str(JsonObject obj, string field) =>
        obj["metadata"]?[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    public static string Name(JsonObject obj) => Str(obj, "name");

    public static string Namespace(JsonObject obj) => Str(obj, "namespace");

    public static string Uid(JsonObject obj) => Str(obj, "uid");

    public static string ResourceVersion(JsonObject obj) => Str(obj, "resourceVersion");

    public static long Generation(JsonObject obj) =>
        Schema.JsonNumbers.TryGetInt64(obj["metadata"]?["generation"], out var g) ? g : 0;

    public static bool IsDeleting(JsonObject obj) => obj["metadata"]?["deletionTimestamp"] is not null;

    public static IReadOnlyList<string> Finalizers(JsonObject obj) =>
        obj["metadata"]?["finalizers"] is JsonArray a ? [.. a.Select(f => Serialization.JsonText.Of(f) ?? "")] : [];

    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Copies a metadata field from one object to another, removing it when the source lacks it.</summary>
    public static void CopyField(JsonObject from, JsonObject to, string field)
    {
        var source = Of(from)[field];
        var target = Of(to);
        if (source is null)
        {
            target.Remove(field);
        }
        else
        {
            target[field] = source.DeepClone();
        }
    }
}

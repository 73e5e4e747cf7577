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

using System.Globalization;
using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Storage;

/// <summary>Reads and writes <c>metadata.resourceVersion</c>, which backends derive from revisions.</summary>
internal static class ObjectRevision
{
    public static void Set(JsonObject value, long revision)
    {
        if (value["metadata"] is not JsonObject metadata)
        {
            metadata = new JsonObject();
            value["metadata"] = metadata;
        }

        metadata["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A copy of <paramref name="value"/> carrying <paramref name="revision"/>.</summary>
    public static JsonObject WithRevision(JsonObject value, long revision)
    {
        var copy = (JsonObject)value.DeepClone();
        Set(copy, revision);
        return copy;
    }
}

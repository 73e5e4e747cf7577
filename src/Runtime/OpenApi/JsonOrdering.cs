using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.OpenApi;

/// <summary>Key ordering that makes documents byte-stable, and so their hashes and ETags.</summary>
internal static class JsonOrdering
{
    /// <summary>
    /// A new object holding the members of <paramref name="source"/> in ordinal key order. The
    /// members are moved, not copied, so <paramref name="source"/> is left empty.
    /// </summary>
    public static JsonObject SortByKey(JsonObject source)
    {
        var entries = source.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        source.Clear();
        var sorted = new JsonObject();
        foreach (var (key, value) in entries)
        {
            sorted[key] = value;
        }

        return sorted;
    }
}

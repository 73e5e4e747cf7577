using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.OpenApi;

/// <summary>
/// The <c>GET /openapi/v3</c> root: one entry per served document, keyed exactly as kubectl
/// looks it up (<c>apis/&lt;group&gt;/&lt;version&gt;</c>, no leading slash) and pointing at the
/// hashed URL the aggregator proxies back to this server unchanged.
/// </summary>
internal static class OpenApiIndex
{
    /// <summary>
    /// Builds <c>{"paths":{"&lt;key&gt;":{"serverRelativeURL":"/openapi/v3/&lt;key&gt;?hash=&lt;hash&gt;"}}}</c>.
    /// Keys are written in ordinal order so the index (and its ETag) is stable.
    /// </summary>
    public static JsonObject Build(IEnumerable<(string key, string hash)> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);

        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, hash) in documents)
        {
            if (!sorted.TryAdd(key, hash))
            {
                throw new ArgumentException($"OpenAPI v3 index key '{key}' is listed twice.", nameof(documents));
            }
        }

        var paths = new JsonObject();
        foreach (var (key, hash) in sorted)
        {
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={hash}" };
        }

        return new JsonObject { ["paths"] = paths };
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace ApiBuilder.Runtime.Testing;

/// <summary>
/// The core objects a controller writes to kube-apiserver: coordination.k8s.io/v1 Leases (get, create, update
/// with resourceVersion checks) and core/v1 Events (create, get, merge patch). Kept in memory, readable by tests.
/// </summary>
public sealed partial class TestCluster
{
    private static readonly Regex LeasePath = new(@"^/apis/coordination\.k8s\.io/v1/namespaces/(?<ns>[^/]+)/leases(?:/(?<name>[^/]+))?$", RegexOptions.CultureInvariant);
    private static readonly Regex EventPath = new(@"^/api/v1/namespaces/(?<ns>[^/]+)/events(?:/(?<name>[^/]+))?$", RegexOptions.CultureInvariant);
    private readonly Dictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);

    /// <summary>Every core/v1 Event written so far, as stored (count and lastTimestamp patched in), oldest first.</summary>
    public IReadOnlyList<JsonObject> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _objects.Where(o => o.Key.StartsWith("events/", StringComparison.Ordinal))
                    .Select(o => (JsonObject)o.Value.DeepClone())
                    .OrderBy(o => long.Parse((string)o["metadata"]!["resourceVersion"]!, CultureInfo.InvariantCulture))];
            }
        }
    }

    /// <summary>The Lease <paramref name="ns"/>/<paramref name="name"/> as stored, or null.</summary>
    /// <param name="ns">Its namespace.</param>
    /// <param name="name">Its name.</param>
    /// <returns>A copy of the Lease.</returns>
    public JsonObject? Lease(string ns, string name)
    {
        lock (_gate)
        {
            return _objects.TryGetValue($"leases/{ns}/{name}", out var lease) ? (JsonObject)lease.DeepClone() : null;
        }
    }

    private async Task<bool> TryServeObjectsAsync(HttpContext context, string path, string method)
    {
        var (match, resource) = LeasePath.Match(path) is { Success: true } lease ? (lease, "leases")
            : EventPath.Match(path) is { Success: true } ev ? (ev, "events")
            : (null, "");
        if (match is null)
        {
            return false;
        }

        var ns = match.Groups["ns"].Value;
        var name = match.Groups["name"].Success ? match.Groups["name"].Value : null;
        var body = HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method)
            ? await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false) as JsonObject
            : null;
        var (code, answer) = Serve(resource, ns, name, method, body);
        await WriteJsonAsync(context, code, answer).ConfigureAwait(false);
        return true;
    }

    private (int Code, JsonNode Answer) Serve(string resource, string ns, string? name, string method, JsonObject? body)
    {
        lock (_gate)
        {
            if (name is null && HttpMethods.IsPost(method) && body is not null)
            {
                name = (string?)body["metadata"]?["name"] ?? "";
                var key = $"{resource}/{ns}/{name}";
                if (_objects.ContainsKey(key))
                {
                    return (409, StatusObject(409, "AlreadyExists", $"{resource} \"{name}\" already exists"));
                }

                return (201, Store(key, body, ns));
            }

            if (name is null)
            {
                return (405, StatusObject(405, "MethodNotAllowed", "the server does not allow this method on the requested resource"));
            }

            var path = $"{resource}/{ns}/{name}";
            if (!_objects.TryGetValue(path, out var stored))
            {
                var qualified = resource == "leases" ? "leases.coordination.k8s.io" : resource;
                return (404, StatusObject(404, "NotFound", $"{qualified} \"{name}\" not found"));
            }

            if (HttpMethods.IsGet(method))
            {
                return (200, stored.DeepClone());
            }

            if (HttpMethods.IsPut(method) && body is not null)
            {
                var expected = (string?)body["metadata"]?["resourceVersion"];
                if (expected is not null && expected != (string?)stored["metadata"]!["resourceVersion"])
                {
                    return (409, StatusObject(409, "Conflict",
                        $"Operation cannot be fulfilled on {resource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again"));
                }

                return (200, Store(path, body, ns));
            }

            if (HttpMethods.IsPatch(method) && body is not null)
            {
                var merged = (JsonObject)stored.DeepClone();
                foreach (var (field, value) in body)
                {
                    merged[field] = value?.DeepClone();
                }

                return (200, Store(path, merged, ns));
            }

            return (405, StatusObject(405, "MethodNotAllowed", "the server does not allow this method on the requested resource"));
        }
    }

    private JsonObject Store(string key, JsonObject body, string ns)
    {
        var stored = (JsonObject)body.DeepClone();
        var metadata = stored["metadata"] as JsonObject ?? new JsonObject();
        stored["metadata"] = metadata;
        metadata["namespace"] = ns;
        metadata["resourceVersion"] = (++_revision).ToString(CultureInfo.InvariantCulture);
        metadata["uid"] ??= Guid.NewGuid().ToString();
        _objects[key] = stored;
        return (JsonObject)stored.DeepClone();
    }
}

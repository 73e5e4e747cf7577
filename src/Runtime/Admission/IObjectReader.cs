using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Admission;

/// <summary>Read access to the objects this server stores, for admission plugins and controllers.</summary>
public interface IObjectReader
{
    /// <summary>
    /// Lists objects of a resource, in one namespace or (null) in all. Served from the watch cache when the
    /// storage has one (SQLite, etcd), like the listers of Kubernetes' informers: cheap, indexed by
    /// namespace, and at most a moment behind the newest writes.
    /// </summary>
    ValueTask<IReadOnlyList<JsonObject>> ListAsync(string group, string resource, string? @namespace = null, CancellationToken cancellationToken = default);

    /// <summary>Gets one object, or null when it does not exist.</summary>
    ValueTask<JsonObject?> GetAsync(string group, string resource, string? @namespace, string name, CancellationToken cancellationToken = default);
}

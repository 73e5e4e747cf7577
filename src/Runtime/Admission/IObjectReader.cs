using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Objects;

namespace ApiBuilder.Runtime.Admission;

/// <summary>Read access to the objects this server stores, for admission plugins and controllers.</summary>
public interface IObjectReader
{
    /// <summary>
    /// Lists objects of a resource, in one namespace or (null) in all. Served from the watch cache when the
    /// storage has one (SQLite, etcd): no storage round trip, at most a moment behind the newest writes. Each
    /// call copies every object listed; to read a Kind on every request, use <see cref="Lister{TKind}"/>.
    /// </summary>
    ValueTask<IReadOnlyList<JsonObject>> ListAsync(string group, string resource, string? @namespace = null, CancellationToken cancellationToken = default);

    /// <summary>Gets one object, or null when it does not exist.</summary>
    ValueTask<JsonObject?> GetAsync(string group, string resource, string? @namespace, string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// The cached, indexed lister of a Kind this server serves (as an informer's lister in Kubernetes): its objects
    /// are decoded once and followed through the storage's watch, so reading them on every write costs what a
    /// read returns, not a list of every object. A Kind whose storage serves no watch is listed on each read.
    /// </summary>
    /// <typeparam name="TKind">The Kind, in the version the lister returns.</typeparam>
    /// <returns>The Kind's lister, shared by every caller.</returns>
    IObjectLister<TKind> Lister<TKind>()
        where TKind : KubernetesObject, IKind<TKind> => ListingObjectLister<TKind>.For(this);
}

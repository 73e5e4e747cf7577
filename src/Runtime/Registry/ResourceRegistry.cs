using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Admission;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Tables;

namespace ApiBuilder.Runtime.Registry;

/// <summary>A served resource: its REST storage, the verbs that storage serves, and its Table convertor.</summary>
internal sealed record ServedResource(Rest.IRestStorage Store, TableConvertor Table)
{
    public ResourceDefinition Definition => Store.Definition;

    public IReadOnlyList<string> Verbs { get; } = Store.Verbs;

    /// <summary>The <c>status</c> subresource's storage, when the resource has one.</summary>
    public Rest.IRestStorage? Status { get; init; }

    /// <summary>The <c>scale</c> subresource's storage, when the resource has one.</summary>
    public Rest.IRestStorage? Scale { get; init; }

    /// <summary>Subresources served by user code, besides status and scale.</summary>
    public IReadOnlyList<Rest.SubresourceDefinition> Subresources { get; init; } = [];
}

/// <summary>Every resource the server serves, by group, version and plural; also read access (and cached listers) for admission.</summary>
internal sealed class ResourceRegistry : IObjectReader
{
    private static readonly ListOptions CachedRead = new() { ResourceVersion = "0", Revision = 0 };

    private readonly Dictionary<(string Group, string Version, string Plural), ServedResource> resources = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, object> listers = new();

    public IEnumerable<ServedResource> All => resources.Values;

    public void Add(ServedResource resource)
    {
        var d = resource.Definition;
        if (!resources.TryAdd((d.Group, d.Version, d.Plural), resource))
        {
            throw new InvalidOperationException($"The resource {d.Plural}.{d.Group}/{d.Version} is registered twice.");
        }
    }

    public ServedResource? Find(string group, string version, string plural) =>
        resources.GetValueOrDefault((group, version, plural));

    public ValueTask<IReadOnlyList<JsonObject>> ListAsync(string group, string resource, string? @namespace = null, CancellationToken cancellationToken = default) =>
        ListFromAsync(Preferred(group, resource), @namespace, cancellationToken);

    public ValueTask<JsonObject?> GetAsync(string group, string resource, string? @namespace, string name, CancellationToken cancellationToken = default) =>
        GetFromAsync(Preferred(group, resource), @namespace, name, cancellationToken);

    private static async ValueTask<IReadOnlyList<JsonObject>> ListFromAsync(ServedResource served, string? @namespace, CancellationToken cancellationToken)
    {
        var lister = served.Store as Rest.IRestLister ?? throw new InvalidOperationException($"{served.Definition.Plural}.{served.Definition.Group} cannot be listed.");
        // From the watch cache when there is one, as admission plugins read through informer listers in
        // Kubernetes: indexed by key (so by namespace), no storage round trip, at most a moment behind writes.
        var page = await lister.ListAsync(@namespace ?? "", CachedRead, cancellationToken).ConfigureAwait(false);
        return [.. page.Items.Select(i => (JsonObject)i.Value.DeepClone())];
    }

    private static async ValueTask<JsonObject?> GetFromAsync(ServedResource served, string? @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            var getter = served.Store as Rest.IRestGetter ?? throw new InvalidOperationException($"{served.Definition.Plural}.{served.Definition.Group} cannot be read.");
            var stored = await getter.GetAsync(@namespace ?? "", name, cancellationToken).ConfigureAwait(false);
            return (JsonObject)stored.Value.DeepClone();
        }
        catch (Errors.StatusException e) when (e.Code == 404)
        {
            return null;
        }
    }

    public IObjectLister<TKind> Lister<TKind>()
        where TKind : Objects.KubernetesObject, Objects.IKind<TKind> =>
        (IObjectLister<TKind>)listers.GetOrAdd(typeof(TKind), _ =>
        {
            var d = TKind.Definition;
            var served = Find(d.Group, d.Version, d.Plural) ?? throw new InvalidOperationException($"No resource {d.Plural}.{d.Group}/{d.Version} is served.");
            // Followed through the storage's watch when it has one; listed on each read otherwise (user storage without watch).
            return served.Store is Rest.IRestWatcher watcher ? new CachedObjectLister<TKind>(watcher) : new ListingObjectLister<TKind>(new VersionReader(served));
        });

    /// <summary>Reads one served version, whatever group and resource it is asked for: a lister decodes its own version.</summary>
    private sealed class VersionReader(ServedResource served) : IObjectReader
    {
        public ValueTask<IReadOnlyList<JsonObject>> ListAsync(string group, string resource, string? @namespace = null, CancellationToken cancellationToken = default) =>
            ListFromAsync(served, @namespace, cancellationToken);

        public ValueTask<JsonObject?> GetAsync(string group, string resource, string? @namespace, string name, CancellationToken cancellationToken = default) =>
            GetFromAsync(served, @namespace, name, cancellationToken);
    }

    /// <summary>Stops the listers' watches (the server stops).</summary>
    public void StopListers()
    {
        foreach (var lister in listers.Values.OfType<IDisposable>())
        {
            lister.Dispose();
        }
    }

    private ServedResource Preferred(string group, string resource) =>
        resources.Values.Where(r => r.Definition.Group == group && r.Definition.Plural == resource)
            .OrderByDescending(r => r.Definition.IsStorageVersion).FirstOrDefault()
        ?? throw new InvalidOperationException($"No resource {resource}.{group} is served.");
}

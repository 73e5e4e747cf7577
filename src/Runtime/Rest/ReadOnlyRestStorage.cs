using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Admission;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Objects;
using ApiBuilder.Runtime.Registry;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Storage;

namespace ApiBuilder.Runtime.Rest;

/// <summary>
/// The REST storage of a Kind served from an <see cref="IReadOnlyStorage{TKind}"/>: get and list, with the
/// list semantics of stored resources done here (selectors, order, <c>limit</c>/<c>continue</c>).
/// Computed objects have no revision history, so lists report resourceVersion 0 and ignore the
/// resourceVersion asked for.
/// </summary>
internal sealed class ReadOnlyRestStorage<TKind>(IReadOnlyStorage<TKind> storage, IObjectReader objects) : IRestGetter, IRestLister
    where TKind : KubernetesObject, IKind<TKind>
{
    public ResourceDefinition Definition => TKind.Definition;

    public async ValueTask<StoredObject> GetAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var found = await storage.GetAsync(new RestContext(ns, objects), name, cancellationToken).ConfigureAwait(false)
            ?? throw ApiErrors.NotFound(Definition.Group, Definition.Plural, name);
        var obj = ToJson(found, ns);
        if (Meta.Name(obj) != name || (Definition.Namespaced && Meta.Namespace(obj) != ns))
        {
            // The storage answered with another object: to the client it does not exist.
            throw ApiErrors.NotFound(Definition.Group, Definition.Plural, name);
        }

        return new StoredObject(Key(obj), obj, 0);
    }

    public async ValueTask<ListPage> ListAsync(string ns, ListOptions options, CancellationToken cancellationToken)
    {
        var filter = Filter(options);
        var start = options.Continue is { } token ? ContinueToken.Decode(token).StartKey : null;
        var items = new SortedDictionary<string, StoredObject>(StringComparer.Ordinal);
        await foreach (var item in storage.ListAsync(new RestContext(ns, objects), cancellationToken).ConfigureAwait(false))
        {
            var obj = ToJson(item, ns);
            var key = Key(obj);
            if ((ns.Length == 0 || Meta.Namespace(obj) == ns) && (filter is null || filter(obj)) && (start is null || string.CompareOrdinal(key, start) >= 0))
            {
                items[key] = new StoredObject(key, obj, 0);
            }
        }

        var page = options.Limit > 0 ? items.Values.Take(options.Limit).ToList() : [.. items.Values];
        var more = options.Limit > 0 && items.Count > options.Limit;
        // Continue tokens carry a revision; computed lists have none, so every token names revision 1.
        var next = more ? new ContinueToken(1, items.Keys.ElementAt(options.Limit)).Encode() : null;
        return new ListPage(page, 0, next, more ? items.Count - options.Limit : null);
    }

    public Func<JsonObject, bool>? Filter(ListOptions options) => SelectorFilter.For(options, Definition);

    public ValueTask<long> CurrentRevisionAsync(CancellationToken cancellationToken) => ValueTask.FromResult(0L);

    private JsonObject ToJson(TKind value, string ns)
    {
        var obj = KindJson.ToJsonObject(value);
        obj["apiVersion"] = Definition.GroupVersion;
        obj["kind"] = Definition.Kind;
        if (obj["metadata"] is not JsonObject metadata)
        {
            obj["metadata"] = metadata = [];
        }

        if (Definition.Namespaced && Meta.Namespace(obj).Length == 0 && ns.Length > 0)
        {
            metadata["namespace"] = ns;
        }

        return obj;
    }

    private static string Key(JsonObject obj) => Meta.Namespace(obj) is { Length: > 0 } ns ? ns + "/" + Meta.Name(obj) : Meta.Name(obj);
}

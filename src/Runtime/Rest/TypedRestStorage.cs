using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Admission;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Objects;
using ApiBuilder.Runtime.Registry;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Storage;

namespace ApiBuilder.Runtime.Rest;

/// <summary>
/// The REST storage of a Kind kept by the user's typed storage: get and list from <see cref="IReadOnlyStorage{TKind}"/>,
/// with the list semantics of stored resources done here (selectors, order, <c>limit</c>/<c>continue</c>), and
/// create, update/patch and delete when the storage implements <see cref="ICreatableStorage{TKind}"/>,
/// <see cref="IUpdatableStorage{TKind}"/> and <see cref="IDeletableStorage{TKind}"/>, through the same strategy and
/// admission as stored Kinds. Lists report the storage's resourceVersion when it implements
/// <see cref="IWatchableStorage{TKind}"/> (served by <see cref="TypedRestWatcher{TKind}"/>), 0 otherwise; such storages keep
/// no history, so a list at an exact older resourceVersion is 410 Expired.
/// </summary>
internal class TypedRestStorage<TKind> : IRestUpdater, IRestCreater, IRestCollectionDeleter
    where TKind : KubernetesObject, IKind<TKind>
{
    private readonly IReadOnlyStorage<TKind> storage;
    private readonly RestStorageContext context;
    private protected readonly IObjectReader objects;
    private readonly ResourceModel model;
    private readonly ResourceStrategy strategy;
    private readonly ResourceStrategy statusStrategy;

    public TypedRestStorage(IReadOnlyStorage<TKind> storage, RestStorageContext context)
    {
        this.storage = storage;
        this.context = context;
        objects = context.Objects;
        model = new ResourceModel(context.Definition, context.StorageVersion);
        strategy = new ResourceStrategy(model, context.Time);
        statusStrategy = new StatusStrategy(model, context.Time);
        Verbs =
        [
            .. storage is ICreatableStorage<TKind> ? ["create"] : Array.Empty<string>(),
            .. storage is IDeletableStorage<TKind> ? ["delete", "deletecollection"] : Array.Empty<string>(),
            "get",
            "list",
            .. storage is IUpdatableStorage<TKind> ? ["patch", "update"] : Array.Empty<string>(),
            .. storage is IWatchableStorage<TKind> ? ["watch"] : Array.Empty<string>(),
        ];
    }

    public ResourceDefinition Definition => TKind.Definition;

    /// <summary>get and list always; the writes and the watch the storage implements.</summary>
    public IReadOnlyList<string> Verbs { get; }

    public async ValueTask<JsonObject> CreateAsync(string ns, JsonObject obj, WriteContext write, CancellationToken cancellationToken)
    {
        var creatable = storage as ICreatableStorage<TKind> ?? throw ApiErrors.MethodNotAllowed();
        strategy.Decode(obj, write, fromPatch: false);
        Meta.Of(obj).Remove("managedFields");
        if (strategy.PrepareForCreate(obj, ns))
        {
            Meta.Of(obj)["name"] = ResourceStrategy.GenerateName(Meta.Str(obj, "generateName"));
        }

        await AdmitAsync(AdmissionOperation.Create, obj, null, write, "", cancellationToken).ConfigureAwait(false);
        if (write.DryRun)
        {
            return obj;
        }

        var created = await creatable.CreateAsync(new RestContext(ns, objects), KindJson.FromJsonObject<TKind>(obj), cancellationToken).ConfigureAwait(false);
        return ToJson(created, ns);
    }

    public async ValueTask<JsonObject> UpdateAsync(string ns, string name, UpdateRequest update, WriteContext write, CancellationToken cancellationToken)
    {
        var updatable = storage as IUpdatableStorage<TKind> ?? throw ApiErrors.MethodNotAllowed();
        if (update.Apply is not null)
        {
            // Objects kept by user code have no managedFields to track appliers in.
            throw ApiErrors.UnsupportedMediaType(OpenApi.MediaTypes.PatchesWithoutApply);
        }

        var old = (await GetAsync(ns, name, cancellationToken).ConfigureAwait(false)).Value;
        var proposed = update.Produce((JsonObject)old.DeepClone());
        var versioned = Meta.ResourceVersion(old).Length > 0;
        if (!versioned)
        {
            // Objects without a resourceVersion take every write: there is nothing to compare with.
            Meta.Of(proposed).Remove("resourceVersion");
        }

        var chosen = update.Subresource == "status" ? statusStrategy : strategy;
        proposed = chosen.PrepareForUpdate(proposed, old, ns, name, update.IsPatch || !versioned, write);
        Meta.Of(proposed).Remove("managedFields");
        await AdmitAsync(AdmissionOperation.Update, proposed, old, write, update.Subresource, cancellationToken, chosen).ConfigureAwait(false);
        chosen.AfterUpdate(proposed, old);
        if (JsonNode.DeepEquals(proposed, old) || write.DryRun)
        {
            return proposed;
        }

        var updated = await updatable.UpdateAsync(new RestContext(ns, objects), KindJson.FromJsonObject<TKind>(proposed), cancellationToken).ConfigureAwait(false);
        return ToJson(updated, ns);
    }

    public async ValueTask<DeleteResult> DeleteAsync(string ns, string name, DeleteOptions options, WriteContext write, CancellationToken cancellationToken)
    {
        var deletable = storage as IDeletableStorage<TKind> ?? throw ApiErrors.MethodNotAllowed();
        var current = (await GetAsync(ns, name, cancellationToken).ConfigureAwait(false)).Value;
        await context.Admission.ValidateAsync(strategy.AdmissionFor(AdmissionOperation.Delete, current, current, write, "", objects), cancellationToken).ConfigureAwait(false);
        if (!options.DryRun && !write.DryRun)
        {
            await deletable.DeleteAsync(new RestContext(ns, objects), name, cancellationToken).ConfigureAwait(false);
        }

        return new DeleteResult(current, true);
    }

    private async ValueTask AdmitAsync(
        AdmissionOperation operation, JsonObject obj, JsonObject? old, WriteContext write, string subresource, CancellationToken cancellationToken, ResourceStrategy? chosen = null)
    {
        chosen ??= strategy;
        Schema.SchemaDefaulter.Apply(obj, model.FullSchema);
        chosen.ValidateTypes(obj);
        var request = chosen.AdmissionFor(operation, obj, old, write, subresource, objects);
        await context.Admission.MutateAsync(request, cancellationToken).ConfigureAwait(false);
        chosen.Validate(obj, old);
        await context.Admission.ValidateAsync(request, cancellationToken).ConfigureAwait(false);
    }

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

        return new StoredObject(Key(obj), obj, RevisionOf(obj));
    }

    public async ValueTask<ListPage> ListAsync(string ns, ListOptions options, CancellationToken cancellationToken)
    {
        var filter = Filter(options);
        var start = options.Continue is { } token ? ContinueToken.Decode(token).StartKey : null;
        var rest = new RestContext(ns, objects);
        // Read before listing: a watch from it then misses nothing the list did not show.
        var revision = storage is IWatchableStorage<TKind> watchable
            ? await watchable.CurrentResourceVersionAsync(rest, cancellationToken).ConfigureAwait(false)
            : 0;
        if (options.ResourceVersionMatch == "Exact" && options.Revision is { } exact && exact != revision)
        {
            // The storage serves only its present state; older states are gone, as a compacted revision is in etcd.
            throw exact > revision && revision > 0
                ? ApiErrors.TooLargeResourceVersion(exact, revision)
                : ApiErrors.Expired("The resourceVersion for the provided list is too old.");
        }

        var items = new SortedDictionary<string, StoredObject>(StringComparer.Ordinal);
        await foreach (var item in storage.ListAsync(rest, cancellationToken).ConfigureAwait(false))
        {
            var obj = ToJson(item, ns);
            var key = Key(obj);
            if ((ns.Length == 0 || Meta.Namespace(obj) == ns) && (filter is null || filter(obj)) && (start is null || string.CompareOrdinal(key, start) >= 0))
            {
                items[key] = new StoredObject(key, obj, RevisionOf(obj));
            }
        }

        var page = options.Limit > 0 ? items.Values.Take(options.Limit).ToList() : [.. items.Values];
        var more = options.Limit > 0 && items.Count > options.Limit;
        // Continue tokens carry a revision, and a token's must be positive: lists without one name revision 1.
        var next = more ? new ContinueToken(Math.Max(revision, 1), items.Keys.ElementAt(options.Limit)).Encode() : null;
        return new ListPage(page, revision, next, more ? items.Count - options.Limit : null);
    }

    public Func<JsonObject, bool>? Filter(ListOptions options) => SelectorFilter.For(options, Definition);

    public ValueTask<long> CurrentRevisionAsync(CancellationToken cancellationToken) =>
        storage is IWatchableStorage<TKind> watchable ? watchable.CurrentResourceVersionAsync(new RestContext("", objects), cancellationToken) : ValueTask.FromResult(0L);

    /// <summary>The revision in an object's <c>metadata.resourceVersion</c>; 0 when it carries none this server could issue.</summary>
    private protected static long RevisionOf(JsonObject obj) =>
        long.TryParse(Meta.ResourceVersion(obj), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var revision) ? revision : 0;

    private protected JsonObject ToJson(TKind value, string ns)
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

    private protected static string Key(JsonObject obj) => Meta.Namespace(obj) is { Length: > 0 } ns ? ns + "/" + Meta.Name(obj) : Meta.Name(obj);
}

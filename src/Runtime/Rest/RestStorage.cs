using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Registry;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Storage;

namespace ApiBuilder.Runtime.Rest;

// The REST storage of a resource, named as in k8s.io/apiserver's registry/rest: one optional interface
// per verb. Handlers ask the storage for the interface a verb needs and answer 405 without it, and
// discovery and OpenAPI advertise exactly the verbs a storage implements (RestVerbs).

/// <summary>Serves one resource (<c>rest.Storage</c>).</summary>
internal interface IRestStorage
{
    ResourceDefinition Definition { get; }

    /// <summary>The object as clients of this version see it (conversion from the storage version).</summary>
    JsonObject Present(JsonObject stored) => stored;

    /// <summary>The verbs served, as discovery lists them; by default those of the interfaces implemented.</summary>
    IReadOnlyList<string> Verbs => RestVerbs.Of(this);
}

/// <summary>get (<c>rest.Getter</c>).</summary>
internal interface IRestGetter : IRestStorage
{
    /// <summary>The object, or 404 NotFound.</summary>
    ValueTask<StoredObject> GetAsync(string ns, string name, CancellationToken cancellationToken);
}

/// <summary>list (<c>rest.Lister</c>), with selectors, resourceVersion semantics and paging.</summary>
internal interface IRestLister : IRestStorage
{
    ValueTask<ListPage> ListAsync(string ns, ListOptions options, CancellationToken cancellationToken);

    /// <summary>The predicate of the options' label and field selectors; null when nothing is selected; 400 for an unsupported field.</summary>
    Func<JsonObject, bool>? Filter(ListOptions options);

    /// <summary>The revision a list would be read at now.</summary>
    ValueTask<long> CurrentRevisionAsync(CancellationToken cancellationToken);
}

/// <summary>watch (<c>rest.Watcher</c>).</summary>
internal interface IRestWatcher : IRestLister
{
    ValueTask<WatchStart> StartWatchAsync(string ns, ListOptions options, CancellationToken cancellationToken);
}

/// <summary>
/// A watcher whose events may reach its watches after the write that made them is visible (a user's storage):
/// a reader that must see every earlier write compares <see cref="IRestLister.CurrentRevisionAsync"/> with what it has.
/// </summary>
internal interface IRestLaggingWatcher : IRestWatcher;

/// <summary>create (<c>rest.Creater</c>).</summary>
internal interface IRestCreater : IRestStorage
{
    ValueTask<JsonObject> CreateAsync(string ns, JsonObject obj, WriteContext context, CancellationToken cancellationToken);
}

/// <summary>update and patch (<c>rest.Updater</c>): the new object is computed from the current one.</summary>
internal interface IRestUpdater : IRestGetter
{
    ValueTask<JsonObject> UpdateAsync(string ns, string name, UpdateRequest update, WriteContext context, CancellationToken cancellationToken);
}

/// <summary>delete (<c>rest.GracefulDeleter</c>): finalizers and preconditions apply.</summary>
internal interface IRestGracefulDeleter : IRestStorage
{
    ValueTask<DeleteResult> DeleteAsync(string ns, string name, DeleteOptions options, WriteContext context, CancellationToken cancellationToken);
}

/// <summary>deletecollection (<c>rest.CollectionDeleter</c>), built from list and delete.</summary>
internal interface IRestCollectionDeleter : IRestLister, IRestGracefulDeleter
{
}

using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Client;
using ListOptions = ApiBuilder.Runtime.Registry.ListOptions;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Objects;
using ApiBuilder.Runtime.Registry;
using ApiBuilder.Runtime.Storage;

namespace ApiBuilder.Runtime.Rest;

/// <summary>
/// The REST storage of a Kind whose typed user storage implements <see cref="IWatchableStorage{TKind}"/>: what
/// <see cref="TypedRestStorage{TKind}"/> serves, and watch. The initial state comes from a list at the storage's
/// current resourceVersion, the changes from <see cref="IWatchableStorage{TKind}.WatchAsync"/>; selectors are applied
/// here, with the transitions the watch cache makes (entering the selection is ADDED, leaving it DELETED).
/// </summary>
internal sealed class TypedRestWatcher<TKind>(IWatchableStorage<TKind> storage, RestStorageContext context)
    : TypedRestStorage<TKind>(storage, context), IRestLaggingWatcher
    where TKind : KubernetesObject, IKind<TKind>
{
    private readonly IWatchableStorage<TKind> watchable = storage;

    public async ValueTask<WatchStart> StartWatchAsync(string ns, ListOptions options, CancellationToken cancellationToken)
    {
        var rest = new RestContext(ns, objects);
        var requested = options.Revision;
        var sendInitial = options.SendInitialEvents ?? (requested is null or 0);
        // The storage's version is read once: to refuse a version from its future, or to start from now.
        long? current = null;
        if (requested is > 0)
        {
            current = await watchable.CurrentResourceVersionAsync(rest, cancellationToken).ConfigureAwait(false);
            if (requested > current)
            {
                throw ApiErrors.TooLargeResourceVersion(requested.Value, current.Value);
            }
        }

        IReadOnlyList<StoredObject> initial = [];
        long from;
        if (sendInitial)
        {
            var list = await ListAsync(ns, new ListOptions { LabelSelector = options.LabelSelector, FieldSelector = options.FieldSelector }, cancellationToken).ConfigureAwait(false);
            initial = list.Items;
            from = list.Revision;
        }
        else
        {
            from = requested is null or 0
                ? current ?? await watchable.CurrentResourceVersionAsync(rest, cancellationToken).ConfigureAwait(false)
                : requested.Value;
        }

        var watch = new Watch(this, rest, from, Filter(options), sendInitial ? initial : null);
        return new WatchStart(initial, from, options.SendInitialEvents == true, watch, null, Selected: true);
    }

    /// <summary>
    /// The user's events as storage events, already selected: the handler passes them on as they are.
    /// The last state of each object sent is kept (only when selecting) to tell entering from leaving the selection.
    /// </summary>
    private sealed class Watch(TypedRestWatcher<TKind> owner, RestContext rest, long from, Func<JsonObject, bool>? filter, IReadOnlyList<StoredObject>? initial) : IStorageWatch
    {
        private readonly CancellationTokenSource stopped = new();

        public StorageException? TerminationReason => null;

        public async IAsyncEnumerable<StorageEvent> Events([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopped.Token);
            // The keys the client holds, known exactly after initial events; after a resume, only those sent since.
            var matching = filter is null ? null : (initial ?? []).Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
            var revision = from;
            await foreach (var e in owner.watchable.WatchAsync(rest, from, linked.Token).WithCancellation(linked.Token).ConfigureAwait(false))
            {
                if (e.Object is null)
                {
                    continue;
                }

                var obj = owner.ToJson(e.Object, rest.Namespace);
                var eventRevision = RevisionOf(obj);
                if (eventRevision > 0 && eventRevision <= revision)
                {
                    // Not after what the client has seen (the storage replayed it): skip.
                    continue;
                }

                revision = Math.Max(revision, eventRevision);
                Meta.Of(obj)["resourceVersion"] = ResourceVersions.Format(revision);
                if (e.Type == WatchEventType.Bookmark)
                {
                    yield return WatchProgress.At(revision);
                    continue;
                }

                if (rest.Namespace.Length > 0 && Meta.Namespace(obj) != rest.Namespace)
                {
                    continue;
                }

                var key = Key(obj);
                var stored = new StoredObject(key, obj, revision);
                var deleted = e.Type == WatchEventType.Deleted;
                var selected = !deleted && (filter is null || filter(obj));
                // Without a selector every object is selected; with one, an object never sent whose change leaves
                // the selection is sent as DELETED too (the client may hold it from before a resumed watch).
                var wasSelected = matching is null || matching.Contains(key);
                var mayHold = wasSelected || initial is null;
                if (matching is not null)
                {
                    if (selected)
                    {
                        matching.Add(key);
                    }
                    else
                    {
                        matching.Remove(key);
                    }
                }

                if (deleted)
                {
                    if (filter is null || filter(obj) || mayHold)
                    {
                        yield return new StorageEvent(StorageEventType.Deleted, stored, null);
                    }
                }
                else if (selected)
                {
                    yield return e.Type == WatchEventType.Added || !wasSelected
                        ? new StorageEvent(StorageEventType.Added, stored, null)
                        : new StorageEvent(StorageEventType.Modified, stored, stored);
                }
                else if (e.Type == WatchEventType.Modified && mayHold)
                {
                    yield return new StorageEvent(StorageEventType.Deleted, stored, null);
                }
            }
        }

        public void Dispose() => stopped.Cancel();
    }
}

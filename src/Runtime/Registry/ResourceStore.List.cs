using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Storage;
using ApiBuilder.Runtime.Storage.Cache;

namespace ApiBuilder.Runtime.Registry;

/// <summary>A page of a list: items, the revision it reflects and the continuation.</summary>
internal sealed record ListPage(IReadOnlyList<StoredObject> Items, long Revision, string? Continue, long? RemainingItemCount);

internal sealed partial class ResourceStore
{
    /// <summary>Lists with Kubernetes' resourceVersion, resourceVersionMatch, limit and continue semantics.</summary>
    public async ValueTask<ListPage> ListAsync(string ns, ListOptions options, CancellationToken cancellationToken)
    {
        var prefix = StorageKeys.CollectionPrefix(Definition, ns);
        var filter = Filter(options);
        long? revision = null;
        string? startKey = null;
        // The backend's revision is read only where it counts (a requested resourceVersion, a consistent read):
        // a list from the watch cache at any state, as admission plugins make on every write, costs no round trip.
        long? current = null;
        if (options.Continue is { } token)
        {
            var decoded = ContinueToken.Decode(token);
            revision = decoded.Revision;
            startKey = prefix + decoded.StartKey;
        }
        else if (options.Revision is { } requested && requested > 0)
        {
            current = await CurrentRevisionAsync(cancellationToken).ConfigureAwait(false);
            if (requested > current)
            {
                throw ApiErrors.TooLargeResourceVersion(requested, current.Value);
            }

            var exact = options.ResourceVersionMatch == "Exact" || (options.ResourceVersionMatch is null && options.Limit > 0);
            revision = exact ? requested : null;
        }

        // resourceVersion "0" and NotOlderThan allow any state at least that new: serve it from the watch cache.
        var cacheable = options.Continue is null && revision is null
            && (options.ResourceVersion == "0" || options.ResourceVersionMatch == "NotOlderThan")
            && storage is CachedStorage;

        // resourceVersion "" is a consistent read: served from the watch cache once it has reached
        // the backend's revision, read first (kube-apiserver's ConsistentListFromCache).
        var consistent = options.Continue is null && string.IsNullOrEmpty(options.ResourceVersion) && storage is CachedStorage;
        if (consistent)
        {
            current ??= await CurrentRevisionAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var request = new StorageListRequest(revision, startKey, options.Limit, filter);
            var list = cacheable
                ? await ((CachedStorage)storage).ListCachedAsync(prefix, request, options.Revision ?? 0, cancellationToken).ConfigureAwait(false)
                : consistent
                    ? await ((CachedStorage)storage).ListConsistentAsync(prefix, request, current!.Value, cancellationToken).ConfigureAwait(false)
                    : await storage.ListAsync(prefix, request, cancellationToken).ConfigureAwait(false);
            var next = list.NextKey is { } nextKey ? new ContinueToken(list.Revision, nextKey[prefix.Length..]).Encode() : null;
            return new ListPage([.. list.Items.Select(Present)], list.Revision, next, list.RemainingItemCount);
        }
        catch (StorageException e) when (e.Code == StorageErrorCode.RevisionCompacted)
        {
            throw options.Continue is not null
                ? ApiErrors.Expired("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.")
                : ApiErrors.Expired($"too old resource version: {revision} ({e.CurrentRevision})");
        }
        catch (StorageException e) when (e.Code == StorageErrorCode.Unavailable)
        {
            throw StorageUnavailable(e);
        }
    }

    /// <summary>The newest revision of the backend.</summary>
    public async ValueTask<long> CurrentRevisionAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await storage.GetCurrentRevisionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException e) when (e.Code == StorageErrorCode.Unavailable)
        {
            throw StorageUnavailable(e);
        }
    }

    /// <summary>The predicate for label and field selectors; null when nothing is selected.</summary>
    public Func<JsonObject, bool>? Filter(ListOptions options) => SelectorFilter.For(options, Definition);
}

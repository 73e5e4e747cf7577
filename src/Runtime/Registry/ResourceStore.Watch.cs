using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Storage;
using ApiBuilder.Runtime.Storage.Cache;

namespace ApiBuilder.Runtime.Registry;

/// <summary>
/// A started watch: synthetic ADDED events for the initial state (when requested), whether an
/// initial-events-end bookmark follows them, and the live watch. <see cref="Expired"/> is set
/// when the requested revision is no longer available (answered with an ERROR event). <see cref="Selected"/>
/// says the watch applies the selectors itself: its events are sent as they are.
/// </summary>
internal sealed record WatchStart(IReadOnlyList<StoredObject> Initial, long Revision, bool InitialEventsEndBookmark, IStorageWatch? Watch, StatusException? Expired, bool Selected = false);

internal sealed partial class ResourceStore
{
    public async ValueTask<WatchStart> StartWatchAsync(string ns, ListOptions options, CancellationToken cancellationToken)
    {
        var prefix = StorageKeys.CollectionPrefix(Definition, ns);
        var filter = Filter(options);
        var current = await CurrentRevisionAsync(cancellationToken).ConfigureAwait(false);
        var requested = options.Revision;
        var sendInitial = options.SendInitialEvents ?? (requested is null or 0);
        if (requested is > 0 && requested > current)
        {
            throw ApiErrors.TooLargeResourceVersion(requested.Value, current);
        }

        IReadOnlyList<StoredObject> initial = [];
        long from;
        if (sendInitial)
        {
            // The initial state of a watch without a resourceVersion is a consistent read, served
            // from the watch cache once it has reached the revision read above; with one, any
            // state at least that new (resourceVersion "0": any state the cache has).
            var request = new StorageListRequest(Filter: filter);
            StorageList list;
            try
            {
                list = storage is not CachedStorage cache ? await storage.ListAsync(prefix, request, cancellationToken).ConfigureAwait(false)
                    : requested is null ? await cache.ListConsistentAsync(prefix, request, current, cancellationToken).ConfigureAwait(false)
                    : await cache.ListCachedAsync(prefix, request, requested.Value, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException e) when (e.Code == StorageErrorCode.Unavailable)
            {
                throw StorageUnavailable(e);
            }

            initial = [.. list.Items.Select(Present)];
            from = list.Revision;
        }
        else
        {
            from = requested is null or 0 ? current : requested.Value;
        }

        try
        {
            var watch = await storage.WatchAsync(prefix, from, cancellationToken).ConfigureAwait(false);
            return new WatchStart(initial, from, options.SendInitialEvents == true, watch, null);
        }
        catch (StorageException e) when (e.Code == StorageErrorCode.RevisionCompacted)
        {
            return new WatchStart([], from, false, null, ApiErrors.Expired(e.Message));
        }
        catch (StorageException e) when (e.Code == StorageErrorCode.Unavailable)
        {
            throw StorageUnavailable(e);
        }
    }
}

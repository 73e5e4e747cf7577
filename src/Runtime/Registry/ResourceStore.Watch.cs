using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Storage;

namespace ApiBuilder.Runtime.Registry;

/// <summary>
/// A started watch: synthetic ADDED events for the initial state (when requested), whether an
/// initial-events-end bookmark follows them, and the live watch. <see cref="Expired"/> is set
/// when the requested revision is no longer available (answered with an ERROR event).
/// </summary>
internal sealed record WatchStart(IReadOnlyList<StoredObject> Initial, long Revision, bool InitialEventsEndBookmark, IStorageWatch? Watch, StatusException? Expired);

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
            var list = await storage.ListAsync(prefix, new StorageListRequest(Filter: filter), cancellationToken).ConfigureAwait(false);
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

using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Storage;

/// <summary>
/// The storage contract every backend implements, modelled on Kubernetes' storage interface:
/// keys map to JSON objects, every write gets a revision from one monotonic counter shared by
/// all keys, updates and deletes are compare-and-swap on that revision, and changes can be
/// watched from any revision still in the backend's history.
/// </summary>
/// <remarks>
/// Values handed out by a backend are shared and must be treated as immutable; callers
/// deep-clone before changing them. Every returned value carries its revision in
/// <c>metadata.resourceVersion</c>. Implement it to keep a resource's objects in a database or
/// system of your own (k8s.io/apiserver's <c>storage.Interface</c>), and register it with
/// <see cref="Server.ApiServerBuilder.AddResource(Resources.ResourceDefinition, IStorage)"/>: everything the
/// server does for stored resources (resourceVersion semantics, selectors, paging, watch, status,
/// finalizers, admission) then works on it. Failures are <see cref="StorageException"/>s. The
/// conformance tests in the repository (<c>StorageConformanceTests</c>) state the contract exactly.
/// </remarks>
public interface IStorage : IAsyncDisposable
{
    /// <summary>The newest revision the backend has committed.</summary>
    ValueTask<long> GetCurrentRevisionAsync(CancellationToken cancellationToken);

    /// <summary>Reads one key at the newest revision; null when absent.</summary>
    ValueTask<StoredObject?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Lists keys under a prefix, in key order, optionally at an older revision.</summary>
    /// <exception cref="StorageException">With <see cref="StorageErrorCode.RevisionCompacted"/> when the revision is no longer available.</exception>
    ValueTask<StorageList> ListAsync(string prefix, StorageListRequest request, CancellationToken cancellationToken);

    /// <summary>Creates a key that must not exist.</summary>
    ValueTask<StoredObject> CreateAsync(string key, JsonObject value, CancellationToken cancellationToken);

    /// <summary>Replaces a key whose current revision must be <paramref name="expectedRevision"/>.</summary>
    ValueTask<StoredObject> UpdateAsync(string key, JsonObject value, long expectedRevision, CancellationToken cancellationToken);

    /// <summary>Deletes a key whose current revision must be <paramref name="expectedRevision"/>; returns the deleted value.</summary>
    ValueTask<StoredObject> DeleteAsync(string key, long expectedRevision, CancellationToken cancellationToken);

    /// <summary>Counts the keys under a prefix.</summary>
    ValueTask<long> CountAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>
    /// Watches changes under a prefix strictly after <paramref name="afterRevision"/>. To watch
    /// "from now with the current state", list first and watch from the list's revision.
    /// </summary>
    /// <exception cref="StorageException">With <see cref="StorageErrorCode.RevisionCompacted"/> when the revision is older than the history kept.</exception>
    ValueTask<IStorageWatch> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken);
}

/// <summary>List parameters understood by every backend.</summary>
/// <param name="Revision">Read at this revision (exact); null reads the newest.</param>
/// <param name="StartKey">First key to return (inclusive), for continuation.</param>
/// <param name="Limit">Maximum number of matching items; 0 for no limit.</param>
/// <param name="Filter">Predicate applied before the limit is counted.</param>
public sealed record StorageListRequest(long? Revision = null, string? StartKey = null, int Limit = 0, Func<JsonObject, bool>? Filter = null);

/// <summary>One page of a list.</summary>
/// <param name="Items">Matching values in key order.</param>
/// <param name="Revision">Revision the list was read at.</param>
/// <param name="NextKey">Key to continue from when more items may remain; null otherwise.</param>
/// <param name="RemainingItemCount">Items left after this page when known (no filter).</param>
public sealed record StorageList(IReadOnlyList<StoredObject> Items, long Revision, string? NextKey, long? RemainingItemCount);

/// <summary>Kind of change delivered by a watch.</summary>
public enum StorageEventType
{
    /// <summary>A key was created.</summary>
    Added,

    /// <summary>A key was changed.</summary>
    Modified,

    /// <summary>A key was deleted.</summary>
    Deleted,
}

/// <summary>One change. For deletions <see cref="Object"/> is the last state with the deletion's revision.</summary>
/// <param name="Type">What happened.</param>
/// <param name="Object">The new state, or for a deletion the last state with the deletion's revision.</param>
/// <param name="Previous">The state before the change, when known.</param>
public sealed record StorageEvent(StorageEventType Type, StoredObject Object, StoredObject? Previous);

/// <summary>An open watch; dispose to stop it.</summary>
public interface IStorageWatch : IDisposable
{
    /// <summary>Events in revision order. The sequence ends when the watch is stopped or falls too far behind.</summary>
    IAsyncEnumerable<StorageEvent> Events(CancellationToken cancellationToken);

    /// <summary>Why the watch ended, when it ended for a reason other than disposal.</summary>
    StorageException? TerminationReason { get; }
}

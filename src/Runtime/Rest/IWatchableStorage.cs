using ApiBuilder.Runtime.Client;
using ApiBuilder.Runtime.Objects;

namespace ApiBuilder.Runtime.Rest;

/// <summary>
/// <c>watch</c> for a Kind kept by your code (<c>rest.Watcher</c>): implement it beside
/// <see cref="IReadOnlyStorage{TKind}"/> and the server serves and advertises <c>watch</c>, with what clients
/// expect of it: the initial state as ADDED events, resuming from a resourceVersion, label and field selectors
/// (objects entering or leaving the selection are sent as ADDED or DELETED), bookmarks, Table output, and
/// informers that follow the Kind through the watch instead of listing it again and again.
/// </summary>
/// <remarks>
/// ResourceVersions of such a Kind are positive decimal integers that grow with every change, as the server's
/// own storage numbers its revisions; every object your storage returns carries the one of its last change in
/// <c>metadata.resourceVersion</c>.
/// </remarks>
/// <typeparam name="TKind">The Kind.</typeparam>
public interface IWatchableStorage<TKind> : IReadOnlyStorage<TKind>
    where TKind : KubernetesObject, IKind<TKind>
{
    /// <summary>
    /// The resourceVersion of the newest change: the server reads it before <see cref="IReadOnlyStorage{TKind}.ListAsync"/>
    /// and reports it as the list's resourceVersion, so a watch from it misses nothing the list did not show.
    /// </summary>
    /// <param name="context">The namespace asked for and read access to the server's objects.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    ValueTask<long> CurrentResourceVersionAsync(RestContext context, CancellationToken cancellationToken);

    /// <summary>
    /// The changes strictly after <paramref name="afterResourceVersion"/>, in order, until
    /// <paramref name="cancellationToken"/> is cancelled. Each object carries the resourceVersion of its change in
    /// <c>metadata.resourceVersion</c> (for <see cref="WatchEventType.Deleted"/>, its last state with the deletion's
    /// resourceVersion); a <see cref="WatchEventType.Bookmark"/> object carries nothing else and only moves the
    /// resourceVersion a client resumes from. Events may be of any namespace: the server keeps those asked for.
    /// When the changes since <paramref name="afterResourceVersion"/> are no longer known, throw
    /// <see cref="Errors.ApiErrors.Expired"/> (410): the client lists again and watches from the new list.
    /// </summary>
    /// <param name="context">The namespace asked for and read access to the server's objects.</param>
    /// <param name="afterResourceVersion">The resourceVersion the client has seen everything up to.</param>
    /// <param name="cancellationToken">Cancelled when the watch ends (timeout, client gone, server stopping).</param>
    IAsyncEnumerable<WatchEvent<TKind>> WatchAsync(RestContext context, long afterResourceVersion, CancellationToken cancellationToken);
}

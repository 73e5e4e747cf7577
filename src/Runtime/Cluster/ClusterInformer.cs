using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ApiBuilder.Runtime.Cluster;

/// <summary>
/// Keeps a local view of objects in kube-apiserver, as client-go's reflector does: list, then watch
/// from the list's resourceVersion; after a dropped watch it watches on from the last version seen,
/// and relists when that version has expired (410) or a watch fails. Used for the
/// <c>extension-apiserver-authentication</c> ConfigMap and for namespaces.
/// </summary>
/// <param name="what">What is watched, for logs (e.g. <c>namespaces</c>).</param>
/// <param name="list">Lists every object.</param>
/// <param name="watch">Watches from a resourceVersion, with bookmarks.</param>
/// <param name="onList">Receives every object after each list: the view is replaced.</param>
/// <param name="onEvent">Receives each watch event.</param>
/// <param name="logger">Where failed lists and watches are logged.</param>
internal sealed class ClusterInformer<T, TList>(
    string what,
    Func<CancellationToken, Task<TList>> list,
    Func<string, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> watch,
    Action<IReadOnlyList<T>> onList,
    Action<WatchEventType, T> onEvent,
    ILogger logger)
    where T : IKubernetesObject<V1ObjectMeta>
    where TList : IItems<T>, IMetadata<V1ListMeta>
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes after the first successful list.</summary>
    public Task Synced => _synced.Task;

    /// <summary>Lists and watches until <paramref name="stopping"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        string? version = null;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (version is null)
                {
                    var listed = await list(stopping).ConfigureAwait(false);
                    onList([.. listed.Items ?? []]);
                    version = listed.Metadata?.ResourceVersion ?? "";
                    _synced.TrySetResult();
                }

                version = await WatchAsync(version, stopping).ConfigureAwait(false);
                backoff = TimeSpan.FromMilliseconds(200);
                continue;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogWarning("Watching {What} in kube-apiserver failed, retrying in {Delay} ms: {Reason}", what, (int)backoff.TotalMilliseconds, ClusterCalls.Describe(e));
                version = null;
            }

            try
            {
                await Task.Delay(backoff, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    /// <summary>Watches from <paramref name="version"/>; returns the version to go on from, or null to relist.</summary>
    private async Task<string?> WatchAsync(string version, CancellationToken stopping)
    {
        await foreach (var (type, item) in watch(version, stopping).ConfigureAwait(false))
        {
            switch (type)
            {
                case WatchEventType.Error:
                    // Typically 410 Gone: the version is too old to watch from.
                    return null;
                case WatchEventType.Bookmark:
                    version = item.Metadata?.ResourceVersion ?? version;
                    break;
                default:
                    onEvent(type, item);
                    version = item.Metadata?.ResourceVersion ?? version;
                    break;
            }
        }

        return version;
    }
}

using System.Collections.Concurrent;
using ApiBuilder.Runtime.Cluster;
using ApiBuilder.Runtime.Errors;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ApiBuilder.Runtime.Admission;

/// <summary>
/// kube-apiserver's NamespaceLifecycle admission for a server connected to a cluster: objects may be
/// created (or changed) only in namespaces that exist in kube-apiserver, and nothing new may be
/// created in a namespace that is being terminated. Namespaces are watched into a local view; a
/// namespace the view has not seen yet is looked up directly before a request is refused.
/// </summary>
internal sealed class NamespaceLifecycle : IAdmissionPlugin
{
    private static readonly TimeSpan SyncWait = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, string> _phases = new(StringComparer.Ordinal);
    private readonly IKubernetes _cluster;
    private readonly ClusterInformer<V1Namespace, V1NamespaceList> _informer;

    public NamespaceLifecycle(IKubernetes cluster, ILogger logger)
    {
        _cluster = cluster;
        _informer = new ClusterInformer<V1Namespace, V1NamespaceList>(
            "namespaces",
            ct => cluster.CoreV1.ListNamespaceAsync(cancellationToken: ct),
            (version, ct) => cluster.CoreV1.WatchListNamespaceAsync(resourceVersion: version, allowWatchBookmarks: true, timeoutSeconds: 300, cancellationToken: ct),
            Replace,
            (type, ns) => Observe(type == WatchEventType.Deleted, ns),
            logger);
    }

    public string Name => "NamespaceLifecycle";

    /// <summary>Completes once namespaces have been listed; <c>/readyz</c> waits for it.</summary>
    public Task Synced => _informer.Synced;

    public Task RunAsync(CancellationToken stopping) => Task.Run(() => _informer.RunAsync(stopping), CancellationToken.None);

    public bool Handles(AdmissionRequest request) =>
        request.Namespace.Length > 0 && request.Operation != AdmissionOperation.Delete;

    public async ValueTask MutateAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        if (!_informer.Synced.IsCompleted)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(SyncWait);
            try
            {
                await _informer.Synced.WaitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw Forbidden(request, "not yet ready to handle request");
            }
        }

        var ns = request.Namespace;
        if (!_phases.TryGetValue(ns, out var phase))
        {
            // The namespace may be newer than the watch has shown: ask kube-apiserver before refusing.
            phase = await LookUpAsync(ns, cancellationToken).ConfigureAwait(false);
        }

        if (request.Operation == AdmissionOperation.Create && phase == "Terminating")
        {
            var status = Forbidden(request, $"unable to create new content in namespace {ns} because it is being terminated").Status;
            throw new StatusException(status with
            {
                Details = status.Details! with { Causes = [new StatusCause("NamespaceTerminating", $"namespace {ns} is being terminated", "metadata.namespace")] },
            });
        }
    }

    private async Task<string> LookUpAsync(string ns, CancellationToken cancellationToken)
    {
        try
        {
            var found = await ClusterCalls.WithRetryAsync(ct => _cluster.CoreV1.ReadNamespaceAsync(ns, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
            Observe(false, found);
            return found.Status?.Phase ?? "Active";
        }
        catch (Exception e) when (ClusterCalls.IsNotFound(e))
        {
            throw ApiErrors.NotFound("", "namespaces", ns);
        }
        catch (Exception e) when (ClusterCalls.IsFailure(e, cancellationToken))
        {
            throw ApiErrors.Internal($"looking up namespace {ns} in kube-apiserver failed: {ClusterCalls.Describe(e)}");
        }
    }

    private void Replace(IReadOnlyList<V1Namespace> namespaces)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ns in namespaces)
        {
            Observe(false, ns);
            seen.Add(ns.Metadata.Name);
        }

        foreach (var name in _phases.Keys.Where(n => !seen.Contains(n)).ToList())
        {
            _phases.TryRemove(name, out _);
        }
    }

    private void Observe(bool deleted, V1Namespace ns)
    {
        if (ns.Metadata?.Name is not { } name)
        {
            return;
        }

        if (deleted)
        {
            _phases.TryRemove(name, out _);
        }
        else
        {
            _phases[name] = ns.Status?.Phase ?? "Active";
        }
    }

    private static StatusException Forbidden(AdmissionRequest request, string reason) =>
        ApiErrors.Forbidden(request.Resource.Group, request.Resource.Plural, request.Name, reason);
}

using k8s;
using k8s.Exceptions;

namespace ApiBuilder.Runtime.Cluster;

/// <summary>
/// The clients the server uses to ask the cluster's kube-apiserver, as the generic apiserver's
/// delegating options find them: <c>--authentication-kubeconfig</c> for TokenReview and the
/// authentication ConfigMap, <c>--authorization-kubeconfig</c> for SubjectAccessReview, <c>--kubeconfig</c>
/// for namespaces; each falls back to <c>--kubeconfig</c>, then to the pod's service account when
/// the server runs in a cluster. With none of these the server runs alone (local mode).
/// </summary>
internal sealed class ClusterConnection : IDisposable
{
    private readonly List<IKubernetes> _owned = [];

    private ClusterConnection(IKubernetes authentication, IKubernetes authorization, IKubernetes core, string source)
    {
        Authentication = authentication;
        Authorization = authorization;
        Core = core;
        Source = source;
        foreach (var client in new[] { authentication, authorization, core }.Distinct())
        {
            _owned.Add(client);
        }
    }

    public IKubernetes Authentication { get; }

    public IKubernetes Authorization { get; }

    public IKubernetes Core { get; }

    /// <summary>Where the connection came from, for the start-up log.</summary>
    public string Source { get; }

    /// <summary>The connection the flags and environment describe, or null in local mode.</summary>
    /// <exception cref="ClusterConfigurationException">A kubeconfig is missing or unusable.</exception>
    public static ClusterConnection? Resolve(string? kubeconfig, string? authenticationKubeconfig, string? authorizationKubeconfig)
    {
        var inCluster = kubeconfig is null && authenticationKubeconfig is null && authorizationKubeconfig is null && KubernetesClientConfiguration.IsInCluster();
        if (kubeconfig is null && authenticationKubeconfig is null && authorizationKubeconfig is null && !inCluster)
        {
            return null;
        }

        var clients = new Dictionary<string, IKubernetes>(StringComparer.Ordinal);
        IKubernetes Client(string? path)
        {
            var key = path ?? "";
            if (!clients.TryGetValue(key, out var client))
            {
                clients[key] = client = new Kubernetes(Configuration(path));
            }

            return client;
        }

        // Null in a pod: the service account.
        var fallback = kubeconfig ?? authenticationKubeconfig ?? authorizationKubeconfig;
        var source = inCluster ? "in-cluster service account" : "kubeconfig " + string.Join(", ",
            new[] { kubeconfig, authenticationKubeconfig, authorizationKubeconfig }.OfType<string>().Distinct());
        return new ClusterConnection(
            Client(authenticationKubeconfig ?? fallback),
            Client(authorizationKubeconfig ?? fallback),
            Client(fallback),
            source);
    }

    public void Dispose()
    {
        foreach (var client in _owned)
        {
            client.Dispose();
        }
    }

    /// <summary>The configuration of a kubeconfig, or of the pod's service account when <paramref name="path"/> is null.</summary>
    /// <exception cref="ClusterConfigurationException">It is missing or unusable; the message names it.</exception>
    public static KubernetesClientConfiguration Configuration(string? path)
    {
        try
        {
            return path is null ? KubernetesClientConfiguration.InClusterConfig() : KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
        }
        catch (Exception e) when (e is KubeConfigException or IOException or UnauthorizedAccessException or FormatException
            or YamlDotNet.Core.YamlException or ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            var what = path is null ? "the in-cluster service account configuration" : $"kubeconfig {path}";
            throw new ClusterConfigurationException($"cannot use {what} to reach kube-apiserver: {e.Message}", e);
        }
    }
}

/// <summary>The server cannot be connected to its cluster as configured; the message names the fix.</summary>
internal sealed class ClusterConfigurationException(string message, Exception? inner = null) : Exception(message, inner);

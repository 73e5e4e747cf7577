using ApiBuilder.Runtime.Admission;
using ApiBuilder.Runtime.Authentication;
using ApiBuilder.Runtime.Authorization;
using ApiBuilder.Runtime.Certificates;
using ApiBuilder.Runtime.Cluster;
using ApiBuilder.Runtime.Endpoints;
using Microsoft.Extensions.Logging;

namespace ApiBuilder.Runtime.Server;

/// <summary>
/// Who may call the server and what they may do, as the generic apiserver's delegating options set it up.
/// Connected to a cluster: front proxy and client CAs from the flags or the
/// <c>extension-apiserver-authentication</c> ConfigMap, bearer tokens by TokenReview, every decision by
/// SubjectAccessReview, and NamespaceLifecycle admission. Alone (local mode): client certificates from
/// the local CA, and the local policy file. Always allowed: the health paths and <c>system:masters</c>.
/// </summary>
internal sealed class AccessControl : IDisposable
{
    private readonly ClusterConnection? _cluster;
    private readonly ExtensionApiserverAuthentication _certificates;
    private readonly ApiServerOptions _options;

    private AccessControl(
        ApiServerOptions options, ClusterConnection? cluster, ExtensionApiserverAuthentication certificates,
        IAuthenticator authenticator, IAuthorizer authorizer, NamespaceLifecycle? namespaceLifecycle)
    {
        _options = options;
        _cluster = cluster;
        _certificates = certificates;
        Authenticator = authenticator;
        Authorizer = authorizer;
        NamespaceLifecycle = namespaceLifecycle;
    }

    public IAuthenticator Authenticator { get; }

    /// <summary>The bearer token of the server's own loopback clients (in-process controllers).</summary>
    public required string LoopbackToken { get; init; }

    public IAuthorizer Authorizer { get; }

    /// <summary>The cluster's kube-apiserver for core objects (leases, namespaces); null in local mode.</summary>
    public k8s.IKubernetes? Cluster => _cluster?.Core;

    /// <summary>Admission that comes first when connected to a cluster; null in local mode.</summary>
    public NamespaceLifecycle? NamespaceLifecycle { get; }

    /// <summary>How requests are authorized, for the start-up log.</summary>
    public string Mode => _cluster is null
        ? "local (" + (_options.AuthorizationPolicyFile is null ? "no policy file" : "policy file " + _options.AuthorizationPolicyFile) + ")"
        : "delegated to kube-apiserver via " + _cluster.Source;

    /// <exception cref="ClusterConfigurationException">A kubeconfig is unusable.</exception>
    /// <exception cref="FormatException">The policy file is unusable.</exception>
    public static AccessControl Create(
        ApiServerOptions options, ServingCertificates certificates, IReadOnlyList<IAuthenticator> userAuthenticators,
        IReadOnlyList<IAuthorizer> userAuthorizers, TimeProvider time, ILogger logger)
    {
        var loopback = new LoopbackAuthenticator();
        var policy = options.AuthorizationPolicyFile is { } file ? PolicyFileAuthorizer.Load(file) : null;
        var cluster = ClusterConnection.Resolve(options.Kubeconfig, options.AuthenticationKubeconfig, options.AuthorizationKubeconfig);
        var requestHeader = RequestHeaderOptionsFactory.FromFlags(
            options.RequestHeaderClientCaFile,
            options.RequestHeaderAllowedNames,
            options.RequestHeaderUsernameHeaders,
            null,
            options.RequestHeaderGroupHeaders,
            options.RequestHeaderExtraHeadersPrefix);
        var fromConfigMap = new ExtensionApiserverAuthentication(
            requestHeader, certificates.ClientCertificateAuthorities, options.ClientCaFile is not null, time, logger);

        var laterAuthenticators = new List<IAuthenticator> { loopback };
        if (cluster is not null)
        {
            laterAuthenticators.Add(new TokenReviewAuthenticator(cluster.Authentication, options.AuthenticationTokenWebhookCacheTtl, time, logger));
        }

        laterAuthenticators.AddRange(userAuthenticators);
        var authenticator = new UnionAuthenticator(() => fromConfigMap.Current, laterAuthenticators, options.AnonymousAuth);

        var authorizers = new List<IAuthorizer>
        {
            new AlwaysAllowPathsAuthorizer(options.AuthorizationAlwaysAllowPaths),
            new PrivilegedGroupsAuthorizer(options.AuthorizationAlwaysAllowGroups),
        };
        authorizers.AddRange(userAuthorizers);
        if (policy is not null)
        {
            authorizers.Add(policy);
        }

        authorizers.Add(cluster is null
            ? new DiscoveryAuthorizer()
            : new SubjectAccessReviewAuthorizer(
                cluster.Authorization, options.AuthorizationWebhookCacheAuthorizedTtl, options.AuthorizationWebhookCacheUnauthorizedTtl, time, logger));

        var lifecycle = cluster is null ? null : new NamespaceLifecycle(cluster.Core, logger);
        return new AccessControl(options, cluster, fromConfigMap, authenticator, new UnionAuthorizer(authorizers), lifecycle) { LoopbackToken = loopback.Token };
    }

    /// <summary>Reads the authentication ConfigMap (failing the start when it must) and starts following the cluster.</summary>
    public async Task StartAsync(CancellationToken stopping)
    {
        if (_cluster is null)
        {
            return;
        }

        if (!_options.AuthenticationSkipLookup && _certificates.NeedsLookup)
        {
            await _certificates.StartAsync(_cluster.Authentication, _options.AuthenticationTolerateLookupFailure, stopping).ConfigureAwait(false);
        }

        NamespaceLifecycle?.RunAsync(stopping);
    }

    /// <summary>The <c>/readyz</c> check that namespaces have been listed, as kube-apiserver's <c>informer-sync</c>.</summary>
    public HealthCheck? InformerSync() => NamespaceLifecycle is not { } lifecycle ? null : new HealthCheck(
        "informer-sync", _ => Task.FromResult(lifecycle.Synced.IsCompletedSuccessfully ? null : "namespaces not yet listed from kube-apiserver"));

    public void Dispose() => _cluster?.Dispose();
}

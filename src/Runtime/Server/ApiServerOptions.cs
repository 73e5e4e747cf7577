using System.Net;

namespace ApiBuilder.Runtime.Server;

/// <summary>
/// Server settings, set from command-line flags in the style of Kubernetes' generic apiserver
/// (<c>--secure-port</c>, <c>--cert-dir</c>, ...) or in code.
/// </summary>
public sealed record ApiServerOptions
{
    /// <summary>HTTPS port (<c>--secure-port</c>); 0 picks a free port.</summary>
    public int SecurePort { get; init; } = 9443;

    /// <summary>Address to listen on (<c>--bind-address</c>).</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Any;

    /// <summary>Directory for the generated CA and serving certificate (<c>--cert-dir</c>).</summary>
    public string CertDirectory { get; init; } = "apiserver.local.config/certificates";

    /// <summary>Serving certificate PEM (<c>--tls-cert-file</c>); generated in the cert directory when unset.</summary>
    public string? TlsCertFile { get; init; }

    /// <summary>Serving key PEM (<c>--tls-private-key-file</c>).</summary>
    public string? TlsPrivateKeyFile { get; init; }

    /// <summary>CA bundle for client certificates (<c>--client-ca-file</c>); the local CA is trusted as well when it exists.</summary>
    public string? ClientCaFile { get; init; }

    /// <summary>Write a kubeconfig for an administrator of this server here (<c>--write-kubeconfig</c>).</summary>
    public string? WriteKubeconfig { get; init; }

    /// <summary>CA of the front proxy (kube-apiserver's aggregator) client certificate (<c>--requestheader-client-ca-file</c>).</summary>
    public string? RequestHeaderClientCaFile { get; init; }

    /// <summary>Allowed common names of the front proxy certificate (<c>--requestheader-allowed-names</c>); empty allows any.</summary>
    public IReadOnlyList<string> RequestHeaderAllowedNames { get; init; } = [];

    /// <summary>Headers holding the user name (<c>--requestheader-username-headers</c>).</summary>
    public IReadOnlyList<string> RequestHeaderUsernameHeaders { get; init; } = ["X-Remote-User"];

    /// <summary>Headers holding groups (<c>--requestheader-group-headers</c>).</summary>
    public IReadOnlyList<string> RequestHeaderGroupHeaders { get; init; } = ["X-Remote-Group"];

    /// <summary>Prefixes of headers holding extra user attributes (<c>--requestheader-extra-headers-prefix</c>).</summary>
    public IReadOnlyList<string> RequestHeaderExtraHeadersPrefix { get; init; } = ["X-Remote-Extra-"];

    /// <summary>Whether requests without credentials are served as <c>system:anonymous</c> (<c>--anonymous-auth</c>). Off by default.</summary>
    public bool AnonymousAuth { get; init; }

    /// <summary>
    /// kubeconfig of the cluster's kube-apiserver (<c>--kubeconfig</c>), for namespaces and as the default of the
    /// two below. With none of the three, a server in a pod uses its service account; elsewhere it runs alone.
    /// </summary>
    public string? Kubeconfig { get; init; }

    /// <summary>kubeconfig for TokenReview and the authentication ConfigMap (<c>--authentication-kubeconfig</c>).</summary>
    public string? AuthenticationKubeconfig { get; init; }

    /// <summary>Do not read <c>kube-system/extension-apiserver-authentication</c> for settings the flags leave out (<c>--authentication-skip-lookup</c>).</summary>
    public bool AuthenticationSkipLookup { get; init; }

    /// <summary>Start even when that ConfigMap cannot be read (<c>--authentication-tolerate-lookup-failure</c>).</summary>
    public bool AuthenticationTolerateLookupFailure { get; init; }

    /// <summary>How long accepted bearer tokens are remembered (<c>--authentication-token-webhook-cache-ttl</c>).</summary>
    public TimeSpan AuthenticationTokenWebhookCacheTtl { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>kubeconfig for SubjectAccessReview (<c>--authorization-kubeconfig</c>).</summary>
    public string? AuthorizationKubeconfig { get; init; }

    /// <summary>How long allowed SubjectAccessReview answers are remembered (<c>--authorization-webhook-cache-authorized-ttl</c>).</summary>
    public TimeSpan AuthorizationWebhookCacheAuthorizedTtl { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long denied SubjectAccessReview answers are remembered (<c>--authorization-webhook-cache-unauthorized-ttl</c>).</summary>
    public TimeSpan AuthorizationWebhookCacheUnauthorizedTtl { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Non-resource paths allowed to everyone (<c>--authorization-always-allow-paths</c>); a trailing <c>*</c> makes a prefix.</summary>
    public IReadOnlyList<string> AuthorizationAlwaysAllowPaths { get; init; } = ["/healthz", "/readyz", "/livez"];

    /// <summary>Groups allowed everything without asking the cluster (<c>--authorization-always-allow-groups</c>).</summary>
    public IReadOnlyList<string> AuthorizationAlwaysAllowGroups { get; init; } = ["system:masters"];

    /// <summary>
    /// Local authorization policy in Kubernetes' ABAC format (<c>--authorization-policy-file</c>), for servers
    /// that run without a cluster: one Policy per line. Without it, users outside the always-allowed groups
    /// may only read discovery, OpenAPI, version and health.
    /// </summary>
    public string? AuthorizationPolicyFile { get; init; }

    /// <summary>
    /// Which in-process controllers run (<c>--controllers</c>), as kube-controller-manager's flag: <c>*</c> for all
    /// (the default), names (the controller's <c>plural.group</c>, e.g. <c>flunders.wardle.example.com</c>) for
    /// those only, <c>-name</c> to leave one out, empty for none.
    /// </summary>
    public IReadOnlyList<string> Controllers { get; init; } = ["*"];

    /// <summary>
    /// Whether the in-process controllers run only in the replica that holds a lease (<c>--leader-elect</c>), so
    /// that replicas never reconcile at once: a coordination.k8s.io Lease in a cluster, a lease in the shared
    /// storage otherwise. Default true.
    /// </summary>
    public bool LeaderElect { get; init; } = true;

    /// <summary>Leader election timings (<c>--leader-elect-lease-duration</c>, <c>-renew-deadline</c>, <c>-retry-period</c>).</summary>
    public Controllers.Leases.LeaderElectionOptions LeaderElection { get; init; } = new();

    /// <summary>
    /// Namespace of the controllers' Lease in a cluster (<c>--leader-elect-resource-namespace</c>); the pod's
    /// namespace by default. The Lease is named <c>&lt;server&gt;-controllers</c> for the server's in-process
    /// controllers and the controller-manager alike, so the two never run at once.
    /// </summary>
    public string? LeaderElectResourceNamespace { get; init; }

    /// <summary>
    /// Run the process as the server's controller-manager (first argument <c>controller-manager</c>): only the
    /// controllers, against the server through the cluster's kube-apiserver (<c>--kubeconfig</c> or the pod's
    /// service account), with no API served.
    /// </summary>
    public bool ControllerManager { get; init; }

    /// <summary>
    /// Where the controller-manager serves <c>/healthz</c> and <c>/readyz</c> over plain HTTP
    /// (<c>--health-probe-bind-address</c>, default <c>0.0.0.0:8081</c>); null for nowhere.
    /// </summary>
    public System.Net.IPEndPoint? HealthProbeBindAddress { get; init; } = new(System.Net.IPAddress.Any, 8081);

    /// <summary>
    /// Storage backend (<c>--storage</c>): <c>sqlite</c> (the default: <c>storage.db</c> beside the
    /// certificate directory), <c>sqlite:PATH</c>, <c>etcd</c> (with <see cref="EtcdServers"/>; implied by them) or
    /// <c>memory</c> (data is lost when the server stops).
    /// </summary>
    public string Storage { get; init; } = "sqlite";

    /// <summary>Client URLs of the etcd members (<c>--etcd-servers</c>); requests fail over between them.</summary>
    public IReadOnlyList<string> EtcdServers { get; init; } = [];

    /// <summary>Prefix of every key in etcd (<c>--etcd-prefix</c>).</summary>
    public string EtcdPrefix { get; init; } = "/registry";

    /// <summary>CA bundle that signs the etcd members' certificates (<c>--etcd-cafile</c>).</summary>
    public string? EtcdCaFile { get; init; }

    /// <summary>Client certificate presented to etcd (<c>--etcd-certfile</c>).</summary>
    public string? EtcdCertFile { get; init; }

    /// <summary>Private key of the etcd client certificate (<c>--etcd-keyfile</c>).</summary>
    public string? EtcdKeyFile { get; init; }

    /// <summary>Which of etcd's APIs the storage speaks (<c>--etcd-client</c>): <c>grpc</c> (the default) or <c>json</c> (its JSON gateway).</summary>
    public string EtcdClient { get; init; } = "grpc";

    /// <summary>Extra DNS names for the generated serving certificate (<c>--tls-sni-names</c> style; <c>--cert-dns-names</c>).</summary>
    public IReadOnlyList<string> CertDnsNames { get; init; } = [];

    /// <summary>
    /// Where audit events go (<c>--audit-log-path</c>): a file, appended to as <c>audit.k8s.io/v1</c> Event JSON
    /// lines, or <c>-</c> for standard output. Without it nothing is audited.
    /// </summary>
    public string? AuditLogPath { get; init; }

    /// <summary>
    /// Kubernetes audit policy (<c>--audit-policy-file</c>, <c>audit.k8s.io/v1</c> Policy in YAML or JSON): which
    /// requests are audited at which level, and which stages are left out.
    /// </summary>
    public string? AuditPolicyFile { get; init; }

    /// <summary>
    /// Level of every request when there is no policy file (<c>--audit-log-level</c>): None, Metadata (the default),
    /// Request or RequestResponse; one ResponseComplete event per request (ResponseStarted too for watches).
    /// </summary>
    public string AuditLogLevel { get; init; } = "Metadata";

    /// <summary>Megabytes the audit log file reaches before rotation (<c>--audit-log-maxsize</c>); 0 means 100, as kube-apiserver.</summary>
    public int AuditLogMaxSize { get; init; }

    /// <summary>Rotated audit log files kept (<c>--audit-log-maxbackup</c>); 0 keeps all.</summary>
    public int AuditLogMaxBackup { get; init; }

    /// <summary>Days rotated audit log files are kept (<c>--audit-log-maxage</c>); 0 keeps them.</summary>
    public int AuditLogMaxAge { get; init; }

    /// <summary>Whether rotated audit log files are gzip-compressed (<c>--audit-log-compress</c>).</summary>
    public bool AuditLogCompress { get; init; }

    /// <summary>
    /// kube-apiserver's TracingConfiguration file (<c>--tracing-config-file</c>): request traces are exported
    /// over OTLP to its <c>endpoint</c>, sampled at <c>samplingRatePerMillion</c>. Without it nothing is exported.
    /// </summary>
    public string? TracingConfigFile { get; init; }

    /// <summary>Minimum log level (<c>--log-level</c>: Trace, Debug, Information, Warning, Error).</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;
}

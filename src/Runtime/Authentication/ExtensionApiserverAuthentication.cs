using System.Security.Cryptography.X509Certificates;
using ApiBuilder.Runtime.Certificates;
using ApiBuilder.Runtime.Cluster;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ApiBuilder.Runtime.Authentication;

/// <summary>
/// The certificate authenticators in force, from the flags and, for what the flags leave out, from
/// the ConfigMap <c>kube-system/extension-apiserver-authentication</c> that kube-apiserver publishes
/// (the generic apiserver's <c>DelegatingAuthenticationOptions</c>): the front proxy's CA, allowed names
/// and headers, and the CA of users' client certificates. The ConfigMap is read at start and
/// followed afterwards, so rotated CAs and names take effect without a restart.
/// </summary>
internal sealed class ExtensionApiserverAuthentication
{
    public const string Namespace = "kube-system";

    private const string Selector = "metadata.name=" + RequestHeaderOptionsFactory.ConfigMapName;

    private readonly RequestHeaderOptions? _requestHeaderFlags;
    private readonly X509Certificate2Collection _clientCas;
    private readonly bool _clientCaFromFlag;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile CertificateAuthenticators _current;
    private string _fingerprint = "";

    /// <param name="requestHeaderFlags">From <c>--requestheader-client-ca-file</c>; null leaves it to the ConfigMap.</param>
    /// <param name="clientCas">CAs of client certificates known without the cluster: <c>--client-ca-file</c> and the local CA.</param>
    /// <param name="clientCaFromFlag">Whether <c>--client-ca-file</c> was given; if not, the ConfigMap's <c>client-ca-file</c> is trusted too.</param>
    /// <param name="time">The clock certificates are checked against.</param>
    /// <param name="logger">Where changes and problems are logged.</param>
    public ExtensionApiserverAuthentication(
        RequestHeaderOptions? requestHeaderFlags, X509Certificate2Collection clientCas, bool clientCaFromFlag, TimeProvider time, ILogger logger)
    {
        _requestHeaderFlags = requestHeaderFlags;
        _clientCas = clientCas;
        _clientCaFromFlag = clientCaFromFlag;
        _time = time;
        _logger = logger;
        (_current, _fingerprint) = Build(null);
    }

    /// <summary>The authenticators to use for the next request.</summary>
    public CertificateAuthenticators Current => _current;

    /// <summary>Whether the flags leave anything for the ConfigMap to say.</summary>
    public bool NeedsLookup => _requestHeaderFlags is null || !_clientCaFromFlag;

    /// <summary>
    /// Reads the ConfigMap once, then follows it in the background until <paramref name="stopping"/>.
    /// A failed first read stops the start (naming the RBAC the server needs) unless tolerated.
    /// </summary>
    public async Task<Task> StartAsync(IKubernetes cluster, bool tolerateLookupFailure, CancellationToken stopping)
    {
        try
        {
            var map = await ClusterCalls.WithRetryAsync(
                ct => cluster.CoreV1.ReadNamespacedConfigMapAsync(RequestHeaderOptionsFactory.ConfigMapName, Namespace, cancellationToken: ct),
                stopping).ConfigureAwait(false);
            Apply(map);
        }
        catch (Exception e) when (ClusterCalls.IsFailure(e, stopping) || e is ArgumentException or CertificateException)
        {
            var message = $"unable to read ConfigMap {Namespace}/{RequestHeaderOptionsFactory.ConfigMapName}: {Describe(e)}. " +
                "Bind the server's service account to the Role extension-apiserver-authentication-reader in kube-system " +
                "(apiserver-boot build config writes that RoleBinding), or pass --authentication-skip-lookup with --requestheader-client-ca-file";
            if (!tolerateLookupFailure)
            {
                throw new ClusterConfigurationException(message, e);
            }

            _logger.LogWarning("{Message}; continuing without it (--authentication-tolerate-lookup-failure)", message);
        }

        var informer = new ClusterInformer<V1ConfigMap, V1ConfigMapList>(
            "ConfigMap " + Namespace + "/" + RequestHeaderOptionsFactory.ConfigMapName,
            ct => cluster.CoreV1.ListNamespacedConfigMapAsync(Namespace, fieldSelector: Selector, cancellationToken: ct),
            (version, ct) => cluster.CoreV1.WatchListNamespacedConfigMapAsync(
                Namespace, fieldSelector: Selector, resourceVersion: version, allowWatchBookmarks: true, timeoutSeconds: 300, cancellationToken: ct),
            items => Apply(items.Count > 0 ? items[0] : null),
            (type, map) => Apply(type == WatchEventType.Deleted ? null : map),
            _logger);
        return Task.Run(() => informer.RunAsync(stopping), CancellationToken.None);
    }

    private void Apply(V1ConfigMap? map)
    {
        if (map is null)
        {
            // Deleted (kube-apiserver writes it again within seconds): keep what was read, as the generic
            // apiserver's dynamic CA and request-header controllers do, rather than lock every user out.
            _logger.LogWarning("ConfigMap {Namespace}/{Name} is not there, keeping the authentication settings in force",
                Namespace, RequestHeaderOptionsFactory.ConfigMapName);
            return;
        }

        try
        {
            var (next, fingerprint) = Build(map.Data is { } data ? new Dictionary<string, string>(data, StringComparer.Ordinal) : null);
            if (fingerprint != _fingerprint)
            {
                (_current, _fingerprint) = (next, fingerprint);
                _logger.LogInformation(
                    "Authentication from ConfigMap {Namespace}/{Name}: front proxy {FrontProxy}, client certificates {ClientCertificates}",
                    Namespace, RequestHeaderOptionsFactory.ConfigMapName, next.RequestHeader is null ? "off" : "on", next.ClientCertificate is null ? "off" : "on");
            }
        }
        catch (Exception e) when (e is ArgumentException or CertificateException)
        {
            // Keep what worked: a half-written ConfigMap must not lock every user out.
            _logger.LogError("ConfigMap {Namespace}/{Name} is not usable, keeping the previous settings: {Reason}",
                Namespace, RequestHeaderOptionsFactory.ConfigMapName, e.Message);
        }
    }

    private (CertificateAuthenticators Authenticators, string Fingerprint) Build(IReadOnlyDictionary<string, string>? data)
    {
        var requestHeader = _requestHeaderFlags ?? (data is null ? null : RequestHeaderOptionsFactory.FromConfigMap(data));
        var clientCas = TrustAnchors.Copy(_clientCas);
        if (!_clientCaFromFlag && data is not null && data.TryGetValue("client-ca-file", out var pem) && !string.IsNullOrWhiteSpace(pem))
        {
            clientCas.AddRange(PemFiles.ParseCertificates(
                pem, $"client-ca-file of ConfigMap {Namespace}/{RequestHeaderOptionsFactory.ConfigMapName}", "Check kube-apiserver's --client-ca-file."));
        }

        var authenticators = new CertificateAuthenticators(
            requestHeader is null ? null : new RequestHeaderAuthenticator(requestHeader, _time),
            clientCas.Count > 0 ? new ClientCertificateAuthenticator(clientCas, _time) : null);
        return (authenticators, Fingerprint(requestHeader, clientCas));
    }

    private static string Fingerprint(RequestHeaderOptions? requestHeader, X509Certificate2Collection clientCas) => string.Join("|",
        requestHeader is null ? "-" : string.Join(",", requestHeader.ClientCertificateAuthorities.Select(c => c.Thumbprint)),
        requestHeader is null ? "-" : string.Join(",", requestHeader.AllowedNames) + ";" + string.Join(",", requestHeader.UsernameHeaders) + ";"
            + string.Join(",", requestHeader.UidHeaders) + ";" + string.Join(",", requestHeader.GroupHeaders) + ";" + string.Join(",", requestHeader.ExtraHeaderPrefixes),
        string.Join(",", clientCas.Select(c => c.Thumbprint)));

    private static string Describe(Exception e) => e is ArgumentException or CertificateException ? e.Message : ClusterCalls.Describe(e);
}

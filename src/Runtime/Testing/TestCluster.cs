using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ApiBuilder.Runtime.Authentication;
using ApiBuilder.Runtime.Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiBuilder.Runtime.Testing;

/// <summary>
/// A stand-in for a cluster's kube-apiserver, for tests of an extension server behind the aggregation
/// layer. It answers TokenReview and SubjectAccessReview as the test says, and records what it was
/// asked; it publishes the <c>kube-system/extension-apiserver-authentication</c> ConfigMap and
/// namespaces (get, list, watch); and it fronts the extension server as kube-apiserver's aggregator
/// does: callers authenticate with a bearer token, their <c>Authorization</c> and <c>X-Remote-*</c>
/// headers are dropped, and the request goes on over TLS with the front-proxy client certificate and
/// <c>X-Remote-User</c>/<c>-Group</c>/<c>-Extra-*</c> headers, verifying the extension server's certificate
/// against its caBundle for <c>&lt;service&gt;.&lt;namespace&gt;.svc</c>. The stand-in itself authorizes
/// nothing: every decision is the extension server's SubjectAccessReview.
/// </summary>
public sealed partial class TestCluster : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory;
    private readonly X509Certificate2 _ca;
    private readonly X509Certificate2 _frontProxyCa;
    private readonly X509Certificate2 _frontProxyClient;
    private readonly ConcurrentDictionary<string, UserInfo> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<JsonObject> _subjectAccessReviews = new();
    private readonly ConcurrentQueue<JsonObject> _tokenReviews = new();
    private readonly object _gate = new();
    private readonly Dictionary<string, string> _namespaces = new(StringComparer.Ordinal) { ["default"] = "Active", ["kube-system"] = "Active" };
    private readonly List<Channel<string>> _namespaceWatchers = [];
    private readonly List<Channel<string>> _configMapWatchers = [];
    private Dictionary<string, string> _configMap;
    private bool _configMapDeleted;
    private long _revision = 1;
    private HttpMessageInvoker? _backend;
    private Uri? _backendAddress;

    private TestCluster(WebApplication app, string directory, X509Certificate2 ca, X509Certificate2 frontProxyCa, X509Certificate2 frontProxyClient)
    {
        _app = app;
        _directory = directory;
        _ca = ca;
        _frontProxyCa = frontProxyCa;
        _frontProxyClient = frontProxyClient;
        _configMap = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["client-ca-file"] = PemExport.Certificate(ca),
            ["requestheader-client-ca-file"] = PemExport.Certificate(frontProxyCa),
            ["requestheader-allowed-names"] = """["front-proxy-client"]""",
            ["requestheader-username-headers"] = """["X-Remote-User"]""",
            ["requestheader-group-headers"] = """["X-Remote-Group"]""",
            ["requestheader-extra-headers-prefix"] = """["X-Remote-Extra-"]""",
        };
    }

    /// <summary>The stand-in's address, e.g. <c>https://127.0.0.1:40123/</c>: kube-apiserver for the extension server, the aggregator for clients.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>
    /// A kubeconfig with which the extension server reaches the stand-in (pass it as <c>--kubeconfig</c>);
    /// it authenticates as <c>system:serviceaccount:apibuilder-system:apiserver</c>.
    /// </summary>
    public string ServerKubeconfigPath => Path.Combine(_directory, "server.kubeconfig");

    /// <summary>PEM of the CA that signed the front proxy's client certificate (<c>requestheader-client-ca-file</c>).</summary>
    public string FrontProxyCaPem => PemExport.Certificate(_frontProxyCa);

    /// <summary>
    /// Decides SubjectAccessReviews: receives the review's <c>spec</c> and returns allowed, denied and a reason.
    /// By default nothing is allowed (no opinion, as RBAC without a matching binding).
    /// </summary>
    public Func<JsonObject, SubjectAccessReviewAnswer> Authorize { get; set; } = _ => new(false, false, "no RBAC policy matched");

    /// <summary>While true, reading the authentication ConfigMap answers 403, as without the extension-apiserver-authentication-reader binding.</summary>
    internal bool ConfigMapForbidden { get; set; }

    /// <summary>While true, TokenReview and SubjectAccessReview answer 503, as an overloaded or unreachable kube-apiserver would.</summary>
    public bool ReviewsFail { get; set; }

    /// <summary>The <c>spec</c> of every SubjectAccessReview received, oldest first.</summary>
    public IReadOnlyList<JsonObject> SubjectAccessReviews => [.. _subjectAccessReviews];

    /// <summary>The <c>spec</c> of every TokenReview received, oldest first.</summary>
    public IReadOnlyList<JsonObject> TokenReviews => [.. _tokenReviews];

    /// <summary>Starts the stand-in on a free loopback port.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running stand-in; dispose it to stop it.</returns>
    public static async Task<TestCluster> StartAsync(CancellationToken cancellationToken = default)
    {
        var time = TimeProvider.System;
        var directory = Path.Combine(Path.GetTempPath(), "apibuilder-cluster-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var ca = SelfSignedCertificateAuthority.Create(time);
        var frontProxyCa = SelfSignedCertificateAuthority.Create(time);
        var frontProxyClient = Reloaded(ClientCertificateIssuer.Issue(frontProxyCa, "front-proxy-client", [], TimeSpan.FromDays(1), time));
        var serving = Reloaded(ServingCertificateIssuer.Issue(ca, ServingNames.Create(["localhost"], [IPAddress.Loopback]), time));

        var web = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        web.Logging.ClearProviders();
        web.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = serving,
            ClientCertificateMode = ClientCertificateMode.AllowCertificate,
            ClientCertificateValidation = (_, _, _) => true,
        })));
        var app = web.Build();
        var cluster = new TestCluster(app, directory, ca, frontProxyCa, frontProxyClient);
        app.Run(cluster.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        cluster.BaseAddress = new Uri(address);

        using var serverIdentity = ClientCertificateIssuer.Issue(ca, "system:serviceaccount:apibuilder-system:apiserver",
            ["system:serviceaccounts", "system:serviceaccounts:apibuilder-system"], TimeSpan.FromDays(1), time);
        KubeconfigWriter.Write(cluster.ServerKubeconfigPath, new KubeconfigSpec
        {
            ServerUrl = cluster.BaseAddress.GetLeftPart(UriPartial.Authority),
            ClusterName = "test-cluster",
            UserName = "apiserver",
            ContextName = "test-cluster",
            CertificateAuthorityPem = PemExport.Certificate(ca),
            ClientCertificatePem = PemExport.Certificate(serverIdentity),
            ClientKeyPem = PemExport.PrivateKey(serverIdentity),
        });
        return cluster;
    }

    /// <summary>A client certificate from the front-proxy CA, for tests of certificates the aggregator would not present.</summary>
    internal X509Certificate2 IssueFrontProxyCertificate(string commonName, TimeProvider time, TimeSpan validity) =>
        Reloaded(ClientCertificateIssuer.Issue(_frontProxyCa, commonName, [], validity, time));

    /// <summary>Registers a bearer token that authenticates as <paramref name="user"/>, at the aggregator and in TokenReview.</summary>
    /// <param name="token">The token.</param>
    /// <param name="user">Who it names; <c>system:authenticated</c> is added by whoever authenticates it.</param>
    public void AddToken(string token, UserInfo user) => _tokens[token] = user;

    /// <summary>Replaces the <c>extension-apiserver-authentication</c> ConfigMap's data; watchers see the change.</summary>
    /// <param name="change">Changes a copy of the current data.</param>
    public void UpdateAuthenticationConfigMap(Action<IDictionary<string, string>> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var next = new Dictionary<string, string>(_configMap, StringComparer.Ordinal);
            change(next);
            _configMap = next;
            _revision++;
            var type = _configMapDeleted ? "ADDED" : "MODIFIED";
            _configMapDeleted = false;
            Broadcast(_configMapWatchers, WatchEvent(type, ConfigMapObject()));
        }
    }

    /// <summary>
    /// Deletes the <c>extension-apiserver-authentication</c> ConfigMap (watchers see it go, reads answer 404)
    /// until <see cref="UpdateAuthenticationConfigMap"/> writes it again, as kube-apiserver soon does.
    /// </summary>
    internal void DeleteAuthenticationConfigMap()
    {
        lock (_gate)
        {
            _revision++;
            _configMapDeleted = true;
            Broadcast(_configMapWatchers, WatchEvent("DELETED", ConfigMapObject()));
        }
    }

    /// <summary>Creates (or re-activates) a namespace.</summary>
    /// <param name="name">The namespace.</param>
    public void AddNamespace(string name) => SetNamespace(name, "Active");

    /// <summary>Marks a namespace as being terminated, as <c>kubectl delete namespace</c> does first.</summary>
    /// <param name="name">The namespace.</param>
    public void TerminateNamespace(string name) => SetNamespace(name, "Terminating");

    /// <summary>Removes a namespace.</summary>
    /// <param name="name">The namespace.</param>
    public void DeleteNamespace(string name) => SetNamespace(name, null);

    /// <summary>
    /// Routes every request the stand-in does not answer itself to the extension server at
    /// <paramref name="address"/>, as an APIService with <c>caBundle</c> and <c>service</c> would.
    /// </summary>
    /// <param name="address">Where the extension server listens, e.g. <c>https://127.0.0.1:9443/</c>.</param>
    /// <param name="caBundlePem">The APIService's caBundle: the CA that signed the extension server's certificate.</param>
    /// <param name="serviceHost">The name the certificate must be valid for: <c>&lt;service&gt;.&lt;namespace&gt;.svc</c>.</param>
    public void AddApiService(Uri address, string caBundlePem, string serviceHost)
    {
        ArgumentNullException.ThrowIfNull(address);
        var trusted = X509CertificateLoader.LoadCertificate(X509Certificate2.CreateFromPem(caBundlePem).RawData);
        var client = TestCertificates.Usable(_frontProxyClient);
        var handler = new SocketsHttpHandler
        {
            // Dial the extension server's address, but speak TLS to the service name, as the aggregator does.
            ConnectCallback = async (_, ct) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(address.Host, address.Port, ct).ConfigureAwait(false);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [client],
                LocalCertificateSelectionCallback = (_, _, _, _, _) => client,
                RemoteCertificateValidationCallback = (_, presented, _, errors) => TestCertificates.IsIssuedBy(presented, errors, trusted),
            },
            PlaintextStreamFilter = (context, _) => ValueTask.FromResult<Stream>(new HeaderLineSplitter(context.PlaintextStream, ["X-Remote-Group", "X-Remote-Extra-"])),
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        };
        _backend = new HttpMessageInvoker(handler);
        _backendAddress = new Uri($"https://{serviceHost}:{address.Port}/");
    }

    /// <summary>Stops the stand-in and deletes its files.</summary>
    /// <returns>A task that completes when it has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            foreach (var watcher in _namespaceWatchers.Concat(_configMapWatchers))
            {
                watcher.Writer.TryComplete();
            }
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _backend?.Dispose();
        _ca.Dispose();
        _frontProxyCa.Dispose();
        _frontProxyClient.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static X509Certificate2 Reloaded(X509Certificate2 issued)
    {
        using (issued)
        {
            return TestCertificates.Usable(issued, exportable: true);
        }
    }

    private void SetNamespace(string name, string? phase)
    {
        lock (_gate)
        {
            _revision++;
            string type;
            if (phase is null)
            {
                if (!_namespaces.Remove(name, out var old))
                {
                    return;
                }

                type = "DELETED";
                phase = old;
            }
            else
            {
                type = _namespaces.ContainsKey(name) ? "MODIFIED" : "ADDED";
                _namespaces[name] = phase;
            }

            Broadcast(_namespaceWatchers, WatchEvent(type, NamespaceObject(name, phase)));
        }
    }

    private static void Broadcast(List<Channel<string>> watchers, string line)
    {
        foreach (var watcher in watchers)
        {
            watcher.Writer.TryWrite(line);
        }
    }

    private static string WatchEvent(string type, JsonObject item) => new JsonObject { ["type"] = type, ["object"] = item }.ToJsonString() + "\n";

    private static async Task WriteJsonAsync(HttpContext context, int code, JsonNode body)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), Encoding.UTF8).ConfigureAwait(false);
    }

    private static JsonObject StatusObject(int code, string reason, string message) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = code,
    };
}

/// <summary>A SubjectAccessReview's answer: <c>status.allowed</c>, <c>status.denied</c> and <c>status.reason</c>.</summary>
/// <param name="Allowed">The request is allowed.</param>
/// <param name="Denied">The request is explicitly denied (otherwise, when not allowed: no opinion).</param>
/// <param name="Reason">Why.</param>
public sealed record SubjectAccessReviewAnswer(bool Allowed, bool Denied = false, string Reason = "");

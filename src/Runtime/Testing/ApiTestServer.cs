using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using ApiBuilder.Runtime.Certificates;
using ApiBuilder.Runtime.Server;

namespace ApiBuilder.Runtime.Testing;

/// <summary>
/// A real API server started inside a test: HTTPS on a free loopback port, memory storage and
/// certificates in a temporary directory, with an <see cref="HttpClient"/> that authenticates as
/// an administrator (a client certificate of the server's own CA, group <c>system:masters</c>).
/// Disposing it stops the server and deletes the directory.
/// </summary>
/// <example>
/// <code>
/// await using var server = await ApiTestServer.StartAsync(builder => builder.AddGeneratedResources());
/// var frigates = new FrigateClient(server.Client, "default");
/// var created = await frigates.CreateAsync(new Frigate { Metadata = { Name = "first" } });
/// </code>
/// </example>
public sealed class ApiTestServer : IAsyncDisposable
{
    private readonly string directory;
    private readonly ApiServer server;
    private readonly X509Certificate2 certificateAuthority;
    private readonly List<HttpClient> clients = [];
    private bool disposed;

    private ApiTestServer(string directory, ApiServer server, X509Certificate2 certificateAuthority, TestCluster? cluster)
    {
        this.directory = directory;
        this.server = server;
        this.certificateAuthority = certificateAuthority;
        Cluster = cluster;
        ServerAddress = server.Addresses[0];
        BaseAddress = cluster?.BaseAddress ?? ServerAddress;
        Client = CreateClient("admin", "system:masters");
    }

    /// <summary>
    /// Where clients send requests, e.g. <c>https://127.0.0.1:41234/</c>: the server itself, or the
    /// aggregator in front of it when started with <see cref="StartAggregatedAsync"/>.
    /// </summary>
    public Uri BaseAddress { get; }

    /// <summary>The server's own address.</summary>
    public Uri ServerAddress { get; }

    /// <summary>
    /// The stand-in for kube-apiserver when started with <see cref="StartAggregatedAsync"/>: set how it
    /// answers SubjectAccessReviews (<see cref="TestCluster.Authorize"/>) and read what it was asked.
    /// </summary>
    public TestCluster? Cluster { get; }

    /// <summary>The service name the server's certificate is issued for in aggregated mode, as in a cluster.</summary>
    public const string ServiceHost = "api.apibuilder-system.svc";

    /// <summary>
    /// A client of the server authenticated as user <c>admin</c> in group <c>system:masters</c>, whose
    /// <see cref="HttpClient.BaseAddress"/> is <see cref="BaseAddress"/>: pass it to the generated
    /// <c>&lt;Kind&gt;Client</c> classes, or send requests with paths such as <c>/apis</c>.
    /// </summary>
    public HttpClient Client { get; }

    /// <summary>The temporary certificate directory (<c>--cert-dir</c>) holding the server's CA and serving certificate.</summary>
    public string CertificateDirectory => Path.Combine(directory, "certificates");

    /// <summary>
    /// Starts a server. <paramref name="configure"/> adds what the server serves (typically
    /// <c>builder.AddGeneratedResources()</c>) and may change <see cref="ApiServerBuilder.Options"/>;
    /// the port, address, storage and certificate directory are preset for tests.
    /// </summary>
    /// <param name="configure">Adds resources and admission plugins to the server.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The started server; dispose it to stop it.</returns>
    public static Task<ApiTestServer> StartAsync(Action<ApiServerBuilder> configure, CancellationToken cancellationToken = default) =>
        StartAsync(configure, cluster: null, cancellationToken);

    /// <summary>
    /// Starts a server behind a stand-in for kube-apiserver (<see cref="TestCluster"/>), connected to it as
    /// in a cluster: clients reach the server through the aggregator (front-proxy certificate and
    /// <c>X-Remote-*</c> headers), and every request the server serves is authorized by a SubjectAccessReview
    /// that the test answers. Use it to test the authorization rules of your API.
    /// </summary>
    /// <param name="configure">Adds resources and admission plugins to the server.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The started server; dispose it to stop it and the stand-in.</returns>
    /// <example>
    /// <code>
    /// await using var server = await ApiTestServer.StartAggregatedAsync(builder => builder.AddGeneratedResources());
    /// server.Cluster!.Authorize = spec => new(spec["resourceAttributes"]?["verb"]?.GetValue&lt;string&gt;() == "get");
    /// using var jane = server.CreateClient("jane", "developers");
    /// </code>
    /// </example>
    public static async Task<ApiTestServer> StartAggregatedAsync(Action<ApiServerBuilder> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var cluster = await TestCluster.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await StartAsync(configure, cluster, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<ApiTestServer> StartAsync(Action<ApiServerBuilder> configure, TestCluster? cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var directory = Path.Combine(Path.GetTempPath(), "apibuilder-test-" + Guid.NewGuid().ToString("N")[..12]);
        var certificates = Path.Combine(directory, "certificates");
        Directory.CreateDirectory(directory);
        ApiServer? server = null;
        try
        {
            string[] flags = ["--secure-port", "0", "--bind-address", "127.0.0.1", "--storage", "memory", "--cert-dir", certificates, "--log-level", "Warning"];
            if (cluster is not null)
            {
                flags = [.. flags, "--kubeconfig", cluster.ServerKubeconfigPath, "--cert-dns-names", ServiceHost];
            }

            var builder = ApiServer.CreateBuilder(flags, "test");
            configure(builder);
            server = builder.Build();
            await server.StartAsync(cancellationToken).ConfigureAwait(false);

            // The server has created its CA in the certificate directory; loading the directory again
            // gives the CA's private key, to issue client certificates the server trusts.
            using var loaded = ServingCertificatesLoader.Load(
                new ServingCertificateOptions { CertDirectory = certificates, DnsNames = ["localhost"], IPAddresses = [IPAddress.Loopback] },
                TimeProvider.System);
            var ca = loaded.LocalCertificateAuthority ?? throw new InvalidOperationException("The test server has no local certificate authority.");
            var caCopy = X509CertificateLoader.LoadPkcs12(ca.Export(X509ContentType.Pkcs12), password: null, X509KeyStorageFlags.Exportable);
            cluster?.AddApiService(server.Addresses[0], server.CertificateAuthorityPem!, ServiceHost);
            return new ApiTestServer(directory, server, caCopy, cluster);
        }
        catch
        {
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }

            TryDelete(directory);
            throw;
        }
    }

    /// <summary>
    /// A client authenticated as <paramref name="user"/> in <paramref name="groups"/>, for tests of what
    /// other users may do: with a client certificate (CN and O), or in aggregated mode with a bearer
    /// token the aggregator knows. It is disposed with the server.
    /// </summary>
    /// <param name="user">The user name.</param>
    /// <param name="groups">The user's groups.</param>
    /// <returns>A client whose base address is <see cref="BaseAddress"/>.</returns>
    public HttpClient CreateClient(string user, params string[] groups)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        ArgumentNullException.ThrowIfNull(groups);
        if (Cluster is not null)
        {
            return AggregatedClient(user, groups);
        }

        using var issued = ClientCertificateIssuer.Issue(certificateAuthority, user, groups, TimeSpan.FromDays(1), TimeProvider.System);

        var certificate = TestCertificates.Usable(issued);
        var trusted = X509CertificateLoader.LoadCertificate(certificateAuthority.RawData);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [certificate],
                LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate,
                RemoteCertificateValidationCallback = (_, presented, _, errors) => TestCertificates.IsIssuedBy(presented, errors, trusted),
            },
        };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        lock (clients)
        {
            clients.Add(client);
        }

        return client;
    }

    private HttpClient AggregatedClient(string user, string[] groups)
    {
        var token = "token-" + Guid.NewGuid().ToString("N");
        Cluster!.AddToken(token, new Authentication.UserInfo(user, null, groups, Authentication.UserInfo.NoExtra));
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        lock (clients)
        {
            clients.Add(client);
        }

        return client;
    }

    /// <summary>Stops the server, disposes the clients and deletes the temporary directory.</summary>
    /// <returns>A task that completes when everything is released.</returns>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        lock (clients)
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        await server.DisposeAsync().ConfigureAwait(false);
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync().ConfigureAwait(false);
        }

        certificateAuthority.Dispose();
        TryDelete(directory);
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

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

    private ApiTestServer(string directory, ApiServer server, X509Certificate2 certificateAuthority)
    {
        this.directory = directory;
        this.server = server;
        this.certificateAuthority = certificateAuthority;
        BaseAddress = server.Addresses[0];
        Client = CreateClient("admin", "system:masters");
    }

    /// <summary>The server's address, e.g. <c>https://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

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
    public static async Task<ApiTestServer> StartAsync(Action<ApiServerBuilder> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var directory = Path.Combine(Path.GetTempPath(), "apibuilder-test-" + Guid.NewGuid().ToString("N")[..12]);
        var certificates = Path.Combine(directory, "certificates");
        Directory.CreateDirectory(directory);
        ApiServer? server = null;
        try
        {
            var builder = ApiServer.CreateBuilder(
                ["--secure-port", "0", "--bind-address", "127.0.0.1", "--storage", "memory", "--cert-dir", certificates, "--log-level", "Warning"],
                "test");
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
            return new ApiTestServer(directory, server, caCopy);
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
    /// A client authenticated as <paramref name="user"/> in <paramref name="groups"/> (the
    /// certificate's CN and O), for tests of what other users may do. It is disposed with the server.
    /// </summary>
    /// <param name="user">The user name.</param>
    /// <param name="groups">The user's groups.</param>
    /// <returns>A client whose base address is <see cref="BaseAddress"/>.</returns>
    public HttpClient CreateClient(string user, params string[] groups)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        ArgumentNullException.ThrowIfNull(groups);
        using var issued = ClientCertificateIssuer.Issue(certificateAuthority, user, groups, TimeSpan.FromDays(1), TimeProvider.System);

        // A PKCS#12 round trip gives a key every platform's TLS stack accepts.
        var certificate = X509CertificateLoader.LoadPkcs12(issued.Export(X509ContentType.Pkcs12), password: null);
        var trusted = X509CertificateLoader.LoadCertificate(certificateAuthority.RawData);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [certificate],
                LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate,
                RemoteCertificateValidationCallback = (_, presented, _, errors) => IsServedByCa(presented, errors, trusted),
            },
        };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
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
        certificateAuthority.Dispose();
        TryDelete(directory);
    }

    private static bool IsServedByCa(X509Certificate? presented, SslPolicyErrors errors, X509Certificate2 ca)
    {
        if (presented is not X509Certificate2 serving || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(serving);
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

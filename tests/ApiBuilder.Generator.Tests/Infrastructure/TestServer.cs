using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ApiBuilder.Runtime.Server;

namespace ApiBuilder.Generator.Tests.Infrastructure;

/// <summary>
/// An in-process server with this test assembly's generated registration (the Fixtures Kinds), or with
/// what <see cref="StartAsync"/> adds: port chosen by the system, memory storage, certificates in a
/// temporary directory, and an HttpClient that presents the administrator certificate from the
/// kubeconfig the server writes.
/// </summary>
public sealed class TestServer : IAsyncLifetime, IAsyncDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "apibuilder-gen-" + Guid.NewGuid().ToString("N")[..12]);
    private Action<ApiServerBuilder> configure = static builder => builder.AddGeneratedResources();
    private ApiServer? server;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Starts a server with the resources <paramref name="configure"/> adds; dispose it when done.</summary>
    public static async Task<TestServer> StartAsync(Action<ApiServerBuilder> configure)
    {
        var server = new TestServer { configure = configure };
        await server.InitializeAsync();
        return server;
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(directory);
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        var builder = ApiServer.CreateBuilder(
            ["--secure-port", "0", "--bind-address", "127.0.0.1", "--storage", "memory", "--cert-dir", Path.Combine(directory, "certs"), "--write-kubeconfig", kubeconfig, "--log-level", "Warning"],
            "generator-tests");
        configure(builder);
        server = builder.Build();
        await server.StartAsync();
        Http = CreateClient(File.ReadAllLines(kubeconfig));
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        Directory.Delete(directory, recursive: true);
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    private static HttpClient CreateClient(string[] kubeconfig)
    {
        string Value(string key) => kubeconfig.Select(l => l.Trim()).First(l => l.StartsWith(key + ":", StringComparison.Ordinal))[(key.Length + 1)..].Trim().Trim('"');
        string Pem(string key) => Encoding.UTF8.GetString(Convert.FromBase64String(Value(key)));

        var ca = X509Certificate2.CreateFromPem(Pem("certificate-authority-data"));
        using var pem = X509Certificate2.CreateFromPem(Pem("client-certificate-data"), Pem("client-key-data"));
        var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [certificate],
                LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate,
                RemoteCertificateValidationCallback = (_, presented, _, errors) =>
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
                },
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri(Value("server")), Timeout = TimeSpan.FromSeconds(30) };
    }
}

using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Certificates;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Server;

namespace ApiBuilder.Runtime.Tests.Server;

/// <summary>A real server on a free loopback port with an HttpClient authenticated as an administrator.</summary>
internal sealed class InProcessServer : IAsyncDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "apibuilder-test-" + Guid.NewGuid().ToString("N"));
    private ApiServer? server;

    public HttpClient Client { get; private set; } = null!;

    public static Task<InProcessServer> StartAsync(params ResourceDefinition[] resources) => StartAsync(_ => { }, resources);

    /// <summary>Starts a server with <paramref name="resources"/> and whatever else <paramref name="configure"/> adds.</summary>
    public static async Task<InProcessServer> StartAsync(Action<ApiServerBuilder> configure, params ResourceDefinition[] resources)
    {
        var host = new InProcessServer();
        var builder = ApiServer.CreateBuilder(["--secure-port", "0", "--bind-address", "127.0.0.1", "--cert-dir", Path.Combine(host.directory, "certs"), "--storage", "memory"], "test");
        foreach (var r in resources)
        {
            builder.AddResource(r);
        }

        configure(builder);
        host.server = builder.Build();
        await host.server.StartAsync();
        var certs = ServingCertificatesLoader.Load(new ServingCertificateOptions { CertDirectory = Path.Combine(host.directory, "certs"), DnsNames = ["localhost"], IPAddresses = [IPAddress.Loopback] }, TimeProvider.System);
        var client = ClientCertificateIssuer.Issue(certs.LocalCertificateAuthority!, "admin", ["system:masters"], TimeSpan.FromHours(1), TimeProvider.System);
        var handler = new HttpClientHandler
        {
            ClientCertificateOptions = ClientCertificateOption.Manual,
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert is not null && cert.Issuer == certs.LocalCertificateAuthority!.Subject,
        };
        handler.ClientCertificates.Add(client);
        host.Client = new HttpClient(handler) { BaseAddress = host.server.Addresses[0] };
        return host;
    }

    public async Task<(HttpStatusCode Code, JsonObject Body)> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text) as JsonObject ?? []);
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

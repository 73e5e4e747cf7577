using System.Net;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Testing;

namespace ApiBuilder.Cli.Tests;

/// <summary>The runtime's in-process test host, which generated test projects use.</summary>
public sealed class ApiTestServerTests
{
    [Fact]
    public async Task ServesOnLoopbackWithAnAdministratorClientAndCleansUp()
    {
        string directory;
        Uri address;
        await using (var server = await ApiTestServer.StartAsync(builder => builder.AddResource(Widgets)))
        {
            directory = server.CertificateDirectory;
            address = server.BaseAddress;
            Assert.Equal("127.0.0.1", address.Host);
            Assert.Equal(server.BaseAddress, server.Client.BaseAddress);

            using var created = await server.Client.PostAsync("/apis/test.example.com/v1/namespaces/default/widgets",
                new StringContent("""{"apiVersion":"test.example.com/v1","kind":"Widget","metadata":{"name":"w"}}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

            // Without a policy that grants her more, another user may discover the API but not read objects.
            using var other = server.CreateClient("jane", "developers");
            using var discovery = await other.GetAsync("/apis/test.example.com/v1");
            Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
            using var read = await other.GetAsync("/apis/test.example.com/v1/namespaces/default/widgets/w");
            Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
            Assert.True(Directory.Exists(directory));
        }

        Assert.False(Directory.Exists(directory));
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => probe.GetAsync(new Uri(address, "/healthz")));
    }

    [Fact]
    public async Task AClientWithoutCredentialsIsRefused()
    {
        await using var server = await ApiTestServer.StartAsync(builder => builder.AddResource(Widgets));
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var anonymous = new HttpClient(handler) { BaseAddress = server.BaseAddress };

        using var response = await anonymous.GetAsync("/apis/test.example.com/v1/widgets");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static readonly ResourceDefinition Widgets = new()
    {
        Group = "test.example.com",
        Version = "v1",
        Kind = "Widget",
        Plural = "widgets",
        Schema = new System.Text.Json.Nodes.JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
    };
}

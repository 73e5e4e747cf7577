using System.Net;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Testing;
using Acme.Fleet.Apis.Ships.V1Beta1;

namespace Acme.Fleet.Tests.ShipsV1Beta1;

// Inside the namespace, so that C# prefers the generated AddGeneratedResources to NoKindsYet's.
using ApiBuilder.Runtime.Server;

/// <summary>The <c>logs</c> subresource of Carrier (ships.example.com/v1beta1) served by a real in-process server.</summary>
public sealed class CarrierLogsSubresourceTests
{
    private const string Collection = "/apis/ships.example.com/v1beta1/namespaces/default/carriers";

    [Fact]
    public async Task AnswersGetForAnExistingCarrier()
    {
        await using var server = await ApiTestServer.StartAsync(builder => builder.AddGeneratedResources());
        var client = new CarrierClient(server.Client, "default");
        await client.CreateAsync(new Carrier { Metadata = { Name = "viewed" } });

        using var found = await server.Client.GetAsync(Collection + "/viewed/logs");
        using var missing = await server.Client.GetAsync(Collection + "/absent/logs");

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var answer = JsonNode.Parse(await found.Content.ReadAsStringAsync())!;
        Assert.Equal("CarrierLogs", (string?)answer["kind"]);
        Assert.Equal("viewed", (string?)answer["metadata"]?["name"]);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}

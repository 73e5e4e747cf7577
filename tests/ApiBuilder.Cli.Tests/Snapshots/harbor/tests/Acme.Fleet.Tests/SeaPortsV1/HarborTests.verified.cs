using System.Net;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Testing;
using Acme.Fleet.Apis.SeaPorts.V1;

namespace Acme.Fleet.Tests.SeaPortsV1;

// Inside the namespace, so that C# prefers the generated AddGeneratedResources to NoKindsYet's.
using ApiBuilder.Runtime.Server;

/// <summary>Harbor (sea-ports.example.com/v1) served by a real in-process server with memory storage.</summary>
public sealed class HarborTests
{
    [Fact]
    public async Task CreatesReadsListsAndDeletes()
    {
        await using var server = await ApiTestServer.StartAsync(builder => builder.AddGeneratedResources());
        var client = new HarborClient(server.Client);

        var created = await client.CreateAsync(new Harbor
        {
            Metadata = { Name = "first" },
            Spec = { Description = "created by a test" },
        });

        Assert.NotNull(created.Metadata.Uid);
        Assert.Equal("created by a test", (await client.GetAsync("first")).Spec.Description);
        Assert.Contains((await client.ListAsync()).Items, item => item.Metadata.Name == "first");
        await client.DeleteAsync("first");
        var missing = await Assert.ThrowsAsync<StatusException>(() => client.GetAsync("first"));
        Assert.Equal(404, missing.Code);
    }

    [Fact]
    public async Task RefusesASpecTheSchemaForbids()
    {
        await using var server = await ApiTestServer.StartAsync(builder => builder.AddGeneratedResources());
        var client = new HarborClient(server.Client);

        var invalid = await Assert.ThrowsAsync<StatusException>(() => client.CreateAsync(new Harbor
        {
            Metadata = { Name = "too-long" },
            Spec = { Description = new string('x', 257) },
        }));

        Assert.Equal(422, invalid.Code);
    }
}

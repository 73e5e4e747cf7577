using System.Net;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Testing;
using Acme.Fleet.Apis.Ships.V1;

namespace Acme.Fleet.Tests.ShipsV1;

// Inside the namespace, so that C# prefers the generated AddGeneratedResources to NoKindsYet's.
using ApiBuilder.Runtime.Server;

/// <summary>Carrier (ships.example.com/v1) served by a real in-process server with memory storage.</summary>
public sealed class CarrierTests
{
    [Fact]
    public async Task CreatesReadsListsAndDeletes()
    {
        await using var server = await ApiTestServer.StartAsync(builder => builder.AddGeneratedResources());
        var client = new CarrierClient(server.Client, "default");

        var created = await client.CreateAsync(new Carrier
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
        var client = new CarrierClient(server.Client, "default");

        var invalid = await Assert.ThrowsAsync<StatusException>(() => client.CreateAsync(new Carrier
        {
            Metadata = { Name = "too-long" },
            Spec = { Description = new string('x', 257) },
        }));

        Assert.Equal(422, invalid.Code);
    }

    [Fact]
    public async Task WritesStatusOnlyThroughTheStatusSubresource()
    {
        await using var server = await ApiTestServer.StartAsync(builder => builder.AddGeneratedResources());
        var client = new CarrierClient(server.Client, "default");

        var created = await client.CreateAsync(new Carrier
        {
            Metadata = { Name = "observed" },
            Status = new CarrierStatus { Phase = "Ignored" },
        });
        Assert.Null(created.Status?.Phase);

        created.Status = new CarrierStatus { Phase = "Ready" };
        var updated = await client.UpdateStatusAsync(created);

        Assert.Equal("Ready", updated.Status?.Phase);
    }
}

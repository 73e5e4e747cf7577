using System.Net;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Testing;
using Acme.Fleet.Apis.Crew.V1Alpha1;

namespace Acme.Fleet.Tests.CrewV1Alpha1;

// Inside the namespace, so that C# prefers the generated AddGeneratedResources to NoKindsYet's.
using ApiBuilder.Runtime.Server;

/// <summary>Person (crew.example.com/v1alpha1) served by a real in-process server with memory storage.</summary>
public sealed class PersonTests
{
    [Fact]
    public async Task CreatesReadsListsAndDeletes()
    {
        await using var server = await ApiTestServer.StartAsync(builder => builder.AddGeneratedResources());
        var client = new PersonClient(server.Client);

        var created = await client.CreateAsync(new Person
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
        var client = new PersonClient(server.Client);

        var invalid = await Assert.ThrowsAsync<StatusException>(() => client.CreateAsync(new Person
        {
            Metadata = { Name = "too-long" },
            Spec = { Description = new string('x', 257) },
        }));

        Assert.Equal(422, invalid.Code);
    }
}

using System.Net;
using ApiBuilder.Runtime.Testing;

namespace Acme.Fleet.Tests;

// Inside the namespace, so that C# prefers the generated AddGeneratedResources to NoKindsYet's.
using ApiBuilder.Runtime.Server;

/// <summary>The server as a whole, started in-process with memory storage.</summary>
public sealed class ServerTests
{
    [Fact]
    public async Task AnswersHealthAndDiscovery()
    {
        await using var server = await ApiTestServer.StartAsync(builder => builder.AddGeneratedResources());

        using var ready = await server.Client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var discovery = await server.Client.GetAsync("/apis");
        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ApiBuilder.Generator.Tests.Infrastructure;
using ApiBuilder.Runtime.Server;

namespace ApiBuilder.Generator.Tests;

/// <summary>
/// [Subresource] classes registered by the generated <c>AddGeneratedResources()</c>, served by a real server:
/// the Wardle fixture compiled in memory, with <c>flunders/describe</c> and <c>fischers/disallowed</c>.
/// </summary>
public sealed class SubresourceTests
{
    private const string Flunders = "/apis/wardle.example.com/v1alpha1/namespaces/default/flunders";
    private const string Fischers = "/apis/wardle.example.com/v1alpha1/fischers";

    [Fact]
    public void The_registration_adds_each_subresource_after_the_resources_in_the_order_of_their_Kinds()
    {
        var (_, result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(TestSources.Wardle));

        var registration = result.Results[0].GeneratedSources.Single(s => s.HintName == "ApiBuilder.GeneratedResources.g.cs").SourceText.ToString();
        var lines = registration.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("builder.Add", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                "builder.AddResource(global::Wardle.Fischer.Definition);",
                "builder.AddResource(global::Wardle.Flunder.Definition);",
                "builder.AddSubresource(global::Wardle.Fischer.Definition, global::Wardle.FischerDisallowed.Definition);",
                "builder.AddSubresource(global::Wardle.Flunder.Definition, global::Wardle.FlunderDescribe.Definition);",
                "builder.AddControllers(Controllers);",
                "builder.AddPrecomputedDiscovery(discovery);",
            ],
            lines);
    }

    [Fact]
    public async Task A_generated_server_serves_the_subresources_of_existing_objects_and_lists_them_in_discovery()
    {
        var (_, _, output) = GeneratorHarness.Run(GeneratorHarness.Compile(TestSources.Wardle));
        var assembly = GeneratorHarness.Load(output);
        var addGenerated = assembly.GetType("ApiBuilder.Runtime.Server.GeneratedResources", throwOnError: true)!.GetMethod("AddGeneratedResources")!;
        await using var server = await TestServer.StartAsync(builder => addGenerated.Invoke(null, [builder]));

        (await server.Http.PostAsJsonAsync(Flunders, new JsonObject
        {
            ["apiVersion"] = "wardle.example.com/v1alpha1", ["kind"] = "Flunder", ["metadata"] = new JsonObject { ["name"] = "one" }, ["spec"] = new JsonObject { ["reference"] = "two" },
        })).EnsureSuccessStatusCode();
        (await server.Http.PostAsJsonAsync(Fischers, new JsonObject
        {
            ["apiVersion"] = "wardle.example.com/v1alpha1", ["kind"] = "Fischer", ["metadata"] = new JsonObject { ["name"] = "fi" }, ["spec"] = new JsonObject { ["disallowedFlunders"] = new JsonArray("a", "b") },
        })).EnsureSuccessStatusCode();

        using var describe = await server.Http.GetAsync(Flunders + "/one/describe");
        using var missing = await server.Http.GetAsync(Flunders + "/none/describe");
        using var disallowed = await server.Http.GetAsync(Fischers + "/fi/disallowed");
        var discovery = await server.Http.GetStringAsync("/apis/wardle.example.com/v1alpha1");

        Assert.Equal(HttpStatusCode.OK, describe.StatusCode);
        Assert.Equal("one reference=two\n", await describe.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, disallowed.StatusCode);
        Assert.Equal("[\"a\",\"b\"]", await disallowed.Content.ReadAsStringAsync());
        Assert.Contains("\"name\":\"flunders/describe\"", discovery, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"fischers/disallowed\"", discovery, StringComparison.Ordinal);
    }
}

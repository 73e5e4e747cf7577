using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ApiBuilder.Generator.Tests.Infrastructure;
using ApiBuilder.Runtime.Discovery;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Server;

namespace ApiBuilder.Generator.Tests;

/// <summary>
/// The discovery documents the generator precomputes: byte-identical to what the runtime computes from the
/// same definitions (the guard against the two drifting apart), and served by a real server exactly when
/// the group's resources are the ones they were generated for.
/// </summary>
public sealed class PrecomputedDiscoveryTests(TestServer server) : IClassFixture<TestServer>
{
    private const string AggregatedV2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    [Theory]
    [InlineData(TestSources.Wardle)]
    [InlineData(TestSources.SeveralVersions)]
    [InlineData(TestSources.EdgeCases)]
    [InlineData(TestSources.ClusterScoped)]
    public void Generated_documents_are_byte_identical_to_the_runtime_computation(string source)
    {
        var (_, _, output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        var (definitions, discovery) = RuntimeDiscovery.Load(output);

        AssertIdentical(definitions, discovery);
    }

    [Fact]
    public void The_fixtures_of_this_project_are_byte_identical_to_the_runtime_computation()
    {
        AssertIdentical(GeneratedResources.Definitions, GeneratedDiscovery.Groups);
    }

    [Fact]
    public void Every_printable_ASCII_character_in_a_category_is_escaped_as_the_runtime_escapes_it()
    {
        var printable = new string([.. Enumerable.Range(0x20, 0x7F - 0x20).Select(c => (char)c)]);
        var source = TestSources.ClusterScoped.Replace("Categories = [\"all\"]", "Categories = [" + CSharpLiteral(printable) + ", \"a\\\"b\\\\c\"]", StringComparison.Ordinal);
        Assert.NotEqual(TestSources.ClusterScoped, source);
        var (_, _, output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        var (definitions, discovery) = RuntimeDiscovery.Load(output);

        Assert.Equal(new[] { printable, "a\"b\\c" }, definitions[0].Categories);
        Assert.Single(discovery);
        AssertIdentical(definitions, discovery);
    }

    [Fact]
    public void A_group_with_a_category_beyond_ASCII_is_left_to_the_runtime()
    {
        var source = TestSources.Wardle.Replace("ShortNames = [\"fi\"], Categories = [\"wardle\"]", "ShortNames = [\"fi\"], Categories = [\"wärdle\"]", StringComparison.Ordinal);
        Assert.NotEqual(TestSources.Wardle, source);
        var (_, result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        var (definitions, discovery) = RuntimeDiscovery.Load(output);

        Assert.Empty(discovery);
        Assert.Contains("// wardle.example.com: computed by the server at start-up", GeneratorHarness.Render(result), StringComparison.Ordinal);
        Assert.False(RuntimeDiscovery.UsesPrecomputed(definitions, discovery, "wardle.example.com"));
    }

    [Fact]
    public async Task The_server_answers_with_the_generated_bytes_and_the_same_documents_it_computes_without_them()
    {
        await using var computed = await TestServer.StartAsync(builder =>
        {
            foreach (var definition in GeneratedResources.Definitions)
            {
                builder.AddResource(definition);
            }
        });
        var versions = Group("versions.apibuilder.io");
        var test = Group("test.apibuilder.io");

        Assert.Equal(Text(versions.ApiGroup), await GetAsync(server, "/apis/versions.apibuilder.io"));
        Assert.Equal(Text(versions.ResourceLists.Single(l => l.Key == "v2").Value), await GetAsync(server, "/apis/versions.apibuilder.io/v2"));
        Assert.Equal(Text(test.ResourceLists.Single(l => l.Key == "v1").Value), await GetAsync(server, "/apis/test.apibuilder.io/v1"));
        Assert.Contains(Text(test.AggregatedEntry), await GetAsync(server, "/apis", AggregatedV2), StringComparison.Ordinal);
        (string Path, string? Accept)[] requests =
        [
            ("/apis", null), ("/apis", AggregatedV2), ("/apis", AggregatedV2.Replace("v=v2", "v=v2beta1", StringComparison.Ordinal)),
            ("/apis/test.apibuilder.io", null), ("/apis/test.apibuilder.io/v1", null),
            ("/apis/versions.apibuilder.io", null), ("/apis/versions.apibuilder.io/v1", null), ("/apis/versions.apibuilder.io/v2", null),
        ];
        foreach (var (path, accept) in requests)
        {
            Assert.Equal(await GetAsync(computed, path, accept), await GetAsync(server, path, accept));
        }

        Assert.Equal(await ETagAsync(computed), await ETagAsync(server));
    }

    [Fact]
    public async Task Precomputed_documents_are_served_as_given_while_the_group_serves_exactly_their_definitions()
    {
        var sprocket = Definition("Sprocket");
        const string marked = """{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"hand.apibuilder.io/v1","resources":[],"precomputed":true}""";
        var precomputed = new PrecomputedGroupDiscovery(
                "hand.apibuilder.io",
                [sprocket],
                """{"kind":"APIGroup","apiVersion":"v1","name":"hand.apibuilder.io","versions":[],"precomputed":true}"""u8,
                """{"metadata":{"name":"hand.apibuilder.io"},"versions":[],"precomputed":true}"""u8)
            .AddResourceList("v1", Encoding.UTF8.GetBytes(marked));

        await using var exact = await TestServer.StartAsync(builder => builder.AddResource(sprocket).AddPrecomputedDiscovery(precomputed));
        await using var joined = await TestServer.StartAsync(builder => builder.AddResource(sprocket).AddResource(Definition("Cog")).AddPrecomputedDiscovery(precomputed));

        Assert.Equal(marked, await GetAsync(exact, "/apis/hand.apibuilder.io/v1"));
        Assert.Contains("\"precomputed\":true", await GetAsync(exact, "/apis", AggregatedV2), StringComparison.Ordinal);
        Assert.Contains("{\"name\":\"hand.apibuilder.io\",\"versions\":[],\"precomputed\":true}", await GetAsync(exact, "/apis"), StringComparison.Ordinal);
        var computed = await GetAsync(joined, "/apis/hand.apibuilder.io/v1");
        Assert.DoesNotContain("precomputed", computed, StringComparison.Ordinal);
        Assert.Equal(["cogs", "sprockets"], JsonNode.Parse(computed)!["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_hand_added_definition_in_a_generated_group_makes_the_server_compute_that_group_only()
    {
        var sprocket = Definition("Sprocket", "test.apibuilder.io");
        await using var mixed = await TestServer.StartAsync(builder => builder.AddGeneratedResources().AddResource(sprocket));
        var test = Group("test.apibuilder.io");
        var versions = Group("versions.apibuilder.io");

        var list = await GetAsync(mixed, "/apis/test.apibuilder.io/v1");

        Assert.NotEqual(Text(test.ResourceLists.Single().Value), list);
        Assert.Contains("\"name\":\"sprockets\"", list, StringComparison.Ordinal);
        Assert.Equal(Text(versions.ResourceLists.Single(l => l.Key == "v1").Value), await GetAsync(mixed, "/apis/versions.apibuilder.io/v1"));
        Assert.False(RuntimeDiscovery.UsesPrecomputed([.. GeneratedResources.Definitions, sprocket], GeneratedDiscovery.Groups, "test.apibuilder.io"));
        Assert.True(RuntimeDiscovery.UsesPrecomputed([.. GeneratedResources.Definitions, sprocket], GeneratedDiscovery.Groups, "versions.apibuilder.io"));
        Assert.True(RuntimeDiscovery.UsesPrecomputed(GeneratedResources.Definitions, GeneratedDiscovery.Groups, "test.apibuilder.io"));
    }

    /// <summary>Every group of the definitions has precomputed documents for exactly its definitions, equal to the runtime's.</summary>
    private static void AssertIdentical(IReadOnlyList<ResourceDefinition> definitions, IReadOnlyList<PrecomputedGroupDiscovery> discovery)
    {
        var groups = definitions.GroupBy(d => d.Group).ToList();
        Assert.Equal(groups.Select(g => g.Key).Order(StringComparer.Ordinal), discovery.Select(d => d.Group));
        foreach (var group in groups)
        {
            var precomputed = discovery.Single(d => d.Group == group.Key);
            Assert.Equal(group.OrderBy(d => d.Plural + "/" + d.Version), precomputed.Definitions.OrderBy(d => d.Plural + "/" + d.Version));

            var expected = RuntimeDiscovery.Compute(group.Key, [.. group]);
            var actual = GroupDocumentsText.Of(precomputed);

            Assert.Equal(expected.ApiGroup, actual.ApiGroup);
            Assert.Equal(expected.AggregatedEntry, actual.AggregatedEntry);
            Assert.Equal(expected.ResourceLists.Keys.Order(), actual.ResourceLists.Keys.Order());
            foreach (var (version, list) in expected.ResourceLists)
            {
                Assert.Equal(list, actual.ResourceLists[version]);
            }

            Assert.True(RuntimeDiscovery.UsesPrecomputed(definitions, discovery, group.Key));
        }
    }

    private static PrecomputedGroupDiscovery Group(string name) => GeneratedDiscovery.Groups.Single(g => g.Group == name);

    private static ResourceDefinition Definition(string kind, string group = "hand.apibuilder.io") => new()
    {
        Group = group,
        Version = "v1",
        Kind = kind,
        Plural = kind.ToLowerInvariant() + "s",
        Schema = new JsonObject { ["type"] = "object" },
    };

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    private static string CSharpLiteral(string value) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);

    private static async Task<string> GetAsync(TestServer on, string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await on.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return body;
    }

    private static async Task<string?> ETagAsync(TestServer on)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/apis");
        request.Headers.TryAddWithoutValidation("Accept", AggregatedV2);
        using var response = await on.Http.SendAsync(request);
        return response.Headers.ETag?.Tag;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ApiBuilder.Generator.Tests.Infrastructure;

namespace ApiBuilder.Generator.Tests;

/// <summary>
/// <c>[Storage(typeof(S))]</c> on a Kind: the generated <c>AddGeneratedResources()</c> registers an instance of S with the
/// <c>AddResource</c> overload of its interface, and a read-only storage's objects are served by a real server.
/// </summary>
public sealed class StorageTests
{
    private const string Gauges = "/apis/metrics.example.com/v1/namespaces/default/gauges";

    /// <summary>A computed Kind: read-only, served from <c>GaugeStorage</c>.</summary>
    public const string ReadOnlySource = """
        using System;
        using System.Collections.Generic;
        using System.Runtime.CompilerServices;
        using System.Text.Json.Nodes;
        using System.Threading;
        using System.Threading.Tasks;
        using ApiBuilder.Runtime.Objects;
        using ApiBuilder.Runtime.Rest;
        using ApiBuilder.Runtime.Resources;
        using ApiBuilder.Runtime.Storage;

        namespace Metrics;

        [Kind("metrics.example.com", "v1")]
        [Storage(typeof(GaugeStorage))]
        public partial class Gauge
        {
            public int Value { get; set; }
        }

        public sealed class GaugeStorage : IReadOnlyStorage<Gauge>
        {
            public ValueTask<Gauge?> GetAsync(RestContext context, string name, CancellationToken cancellationToken) =>
                new(name == "answer" ? Answer() : null);

            public async IAsyncEnumerable<Gauge> ListAsync(RestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
            {
                await Task.Yield();
                yield return Answer();
            }

            private static Gauge Answer() => new() { Metadata = new ObjectMeta { Name = "answer", Namespace = "default" }, Value = 42 };
        }
        """;

    /// <summary>A Kind kept in the user's own <c>IStorage</c> (whose members the tests never call).</summary>
    public const string OwnStorageSource = """
        using System;
        using System.Collections.Generic;
        using System.Runtime.CompilerServices;
        using System.Text.Json.Nodes;
        using System.Threading;
        using System.Threading.Tasks;
        using ApiBuilder.Runtime.Objects;
        using ApiBuilder.Runtime.Rest;
        using ApiBuilder.Runtime.Resources;
        using ApiBuilder.Runtime.Storage;

        namespace Metrics;

        [Kind("metrics.example.com", "v1")]
        [Storage(typeof(LedgerStore))]
        public partial class Ledger
        {
            public string? Owner { get; set; }
        }

        public sealed class LedgerStore : IStorage
        {
            public ValueTask<long> GetCurrentRevisionAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
            public ValueTask<StoredObject?> GetAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();
            public ValueTask<StorageList> ListAsync(string prefix, StorageListRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();
            public ValueTask<StoredObject> CreateAsync(string key, JsonObject value, CancellationToken cancellationToken) => throw new NotSupportedException();
            public ValueTask<StoredObject> UpdateAsync(string key, JsonObject value, long expectedRevision, CancellationToken cancellationToken) => throw new NotSupportedException();
            public ValueTask<StoredObject> DeleteAsync(string key, long expectedRevision, CancellationToken cancellationToken) => throw new NotSupportedException();
            public ValueTask<long> CountAsync(string prefix, CancellationToken cancellationToken) => throw new NotSupportedException();
            public ValueTask<IStorageWatch> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken) => throw new NotSupportedException();
            public ValueTask DisposeAsync() => default;
        }
        """;

    [Fact]
    public async Task The_registration_adds_each_storage_after_its_Kind_with_the_overload_of_its_interface()
    {
        var compilation = GeneratorHarness.Compile(ReadOnlySource, OwnStorageSource);

        var (_, result, output) = GeneratorHarness.Run(compilation);

        Assert.Empty(await GeneratorHarness.AnalyzeAsync(compilation));
        Assert.Empty(GeneratorHarness.Problems(output));
        var registration = result.Results[0].GeneratedSources.Single(s => s.HintName == "ApiBuilder.GeneratedResources.g.cs").SourceText.ToString();
        var lines = registration.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("builder.Add", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                "builder.AddResource(global::Metrics.Gauge.Definition);",
                "builder.AddResource(new global::Metrics.GaugeStorage());",
                "builder.AddResource(global::Metrics.Ledger.Definition);",
                "builder.AddResource(global::Metrics.Ledger.Definition, new global::Metrics.LedgerStore());",
                "builder.AddControllers(Controllers);",
                "builder.AddPrecomputedDiscovery(discovery);",
            ],
            lines);
    }

    [Fact]
    public async Task A_generated_server_serves_a_read_only_storage_s_objects_and_answers_405_to_writes()
    {
        var (_, _, output) = GeneratorHarness.Run(GeneratorHarness.Compile(ReadOnlySource));
        var assembly = GeneratorHarness.Load(output);
        var addGenerated = assembly.GetType("ApiBuilder.Runtime.Server.GeneratedResources", throwOnError: true)!.GetMethod("AddGeneratedResources")!;
        await using var server = await TestServer.StartAsync(builder => addGenerated.Invoke(null, [builder]));

        var answer = await server.Http.GetFromJsonAsync<JsonObject>(Gauges + "/answer");
        var list = await server.Http.GetFromJsonAsync<JsonObject>(Gauges);
        using var missing = await server.Http.GetAsync(Gauges + "/none");
        using var create = await server.Http.PostAsJsonAsync(Gauges, new JsonObject
        {
            ["apiVersion"] = "metrics.example.com/v1", ["kind"] = "Gauge", ["metadata"] = new JsonObject { ["name"] = "made" }, ["value"] = 1,
        });

        Assert.Equal(42, (int)answer!["value"]!);
        Assert.Equal("answer", (string)list!["items"]![0]!["metadata"]!["name"]!);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, create.StatusCode);
    }
}

using System.Text.Json.Nodes;
using ApiBuilder.Generator.Tests.Fixtures;
using ApiBuilder.Generator.Tests.Infrastructure;
using ApiBuilder.Runtime.Client;
using ApiBuilder.Runtime.Objects;
using V2 = ApiBuilder.Generator.Tests.Fixtures.V2;

namespace ApiBuilder.Generator.Tests;

/// <summary>
/// Several versions of one Kind (Fixtures/Barrel.cs: v1 stored with <c>spec.size</c>, v2 with
/// <c>spec.capacity</c> and a typed conversion), through the generated converter and a real
/// in-process server.
/// </summary>
public sealed class VersionConversionTests(TestServer server) : IClassFixture<TestServer>
{
    private const string V1 = "versions.apibuilder.io/v1";
    private const string V2Version = "versions.apibuilder.io/v2";

    private const string MetadataJson = """
        {"name":"b","namespace":"ns","uid":"0b6f3c1e-1111-2222-3333-444455556666","resourceVersion":"42","generation":3,
         "creationTimestamp":"2025-01-02T03:04:05Z","labels":{"app":"cellar"},"annotations":{"note":"oak"},"finalizers":["test.apibuilder.io/keep"],
         "ownerReferences":[{"apiVersion":"v1","kind":"ConfigMap","name":"cm","uid":"u-2","controller":true}],
         "managedFields":[{"manager":"kubectl","operation":"Update","fieldsV1":{"f:spec":{}}}]}
        """;

    [Fact]
    public void Every_version_shares_one_generated_converter()
    {
        Assert.NotNull(Barrel.Definition.Converter);
        Assert.Same(Barrel.Definition.Converter, V2.Barrel.Definition.Converter);
        Assert.True(Barrel.Definition.IsStorageVersion);
        Assert.False(V2.Barrel.Definition.IsStorageVersion);
        Assert.Null(Widget.Definition.Converter);
    }

    [Fact]
    public void The_converter_converts_spec_and_status_and_carries_metadata_over_exactly()
    {
        var convert = V2.Barrel.Definition.Converter!;
        var v2 = (JsonObject)JsonNode.Parse(
            "{\"apiVersion\":\"" + V2Version + "\",\"kind\":\"Barrel\",\"metadata\":" + MetadataJson +
            ",\"spec\":{\"capacity\":5,\"contents\":\"beer\"},\"status\":{\"filled\":2}}")!;

        var v1 = convert((JsonObject)v2.DeepClone(), V1);
        var back = convert((JsonObject)v1.DeepClone(), V2Version);

        Assert.Equal(V1, v1["apiVersion"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"size":5,"contents":"beer"}"""), v1["spec"]), v1.ToJsonString());
        Assert.Equal(2, v1["status"]!["filled"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(v2["metadata"], v1["metadata"]), v1["metadata"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(v2, back), back.ToJsonString());
    }

    [Fact]
    public void Objects_already_in_the_requested_version_or_of_the_storage_shape_pass_unchanged()
    {
        var convert = Barrel.Definition.Converter!;
        var v1 = (JsonObject)JsonNode.Parse("""{"apiVersion":"versions.apibuilder.io/v1","kind":"Barrel","metadata":{"name":"b"},"spec":{"size":1}}""")!;

        Assert.Same(v1, convert(v1, V1));
        Assert.Same(v1, convert(v1, "versions.apibuilder.io/v3"));
    }

    [Fact]
    public void Typed_conversion_copies_metadata()
    {
        var v2 = new V2.Barrel { Metadata = { Name = "typed", Labels = { ["a"] = "b" } }, Spec = { Capacity = 7 } };

        var storage = KindConverter<Barrel>.ToStorage(v2);
        var back = KindConverter<Barrel>.FromStorage<V2.Barrel>(storage);

        Assert.Equal(7, storage.Spec.Size);
        Assert.Equal(7, back.Spec.Capacity);
        Assert.Equal("typed", back.Metadata.Name);
        Assert.Equal("b", storage.Metadata.Labels["a"]);
        Assert.NotSame(v2.Metadata, storage.Metadata);
    }

    [Fact]
    public async Task Create_through_v2_read_patch_and_watch_through_both_versions_with_identical_metadata()
    {
        var v1 = new BarrelClient(server.Http, "cellar");
        var v2 = new V2.BarrelClient(server.Http, "cellar");
        var start = await v2.ListAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = v2.WatchAsync(new ListOptions { ResourceVersion = start.Metadata.ResourceVersion, TimeoutSeconds = 25 }, timeout.Token)
            .GetAsyncEnumerator(timeout.Token);
        var next = events.MoveNextAsync().AsTask();

        var created = await v2.CreateAsync(new V2.Barrel
        {
            Metadata = { Name = "b1", Labels = { ["app"] = "cellar" }, Annotations = { ["note"] = "oak" }, Finalizers = { "test.apibuilder.io/keep" } },
            Spec = { Capacity = 200, Contents = "wine" },
        });

        Assert.True(await next);
        Assert.Equal(WatchEventType.Added, events.Current.Type);
        Assert.Equal(200, events.Current.Object.Spec.Capacity);
        Assert.Equal(200, created.Spec.Capacity);
        var (asV1, asV2) = (await GetAsync(V1, "b1"), await GetAsync(V2Version, "b1"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"size":200,"contents":"wine"}"""), asV1["spec"]), asV1.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"capacity":200,"contents":"wine"}"""), asV2["spec"]), asV2.ToJsonString());
        AssertSameMetadata(asV1, asV2, generation: 1);
        Assert.Equal(created.Metadata.Uid, asV1["metadata"]!["uid"]!.GetValue<string>());

        next = events.MoveNextAsync().AsTask();
        var patched = await v1.PatchAsync("b1", PatchType.Merge, """{"metadata":{"annotations":{"patched":"through-v1"}},"spec":{"size":300}}""");

        Assert.Equal(300, patched.Spec.Size);
        Assert.True(await next);
        Assert.Equal(WatchEventType.Modified, events.Current.Type);
        var watched = events.Current.Object;
        Assert.Equal(V2Version, watched.ApiVersion);
        Assert.Equal(300, watched.Spec.Capacity);
        Assert.Equal("wine", watched.Spec.Contents);
        (asV1, asV2) = (await GetAsync(V1, "b1"), await GetAsync(V2Version, "b1"));
        Assert.Equal(300, asV2["spec"]!["capacity"]!.GetValue<int>());
        Assert.Null(asV2["spec"]!["size"]);
        AssertSameMetadata(asV1, asV2, generation: 2);
        Assert.Equal("through-v1", asV2["metadata"]!["annotations"]!["patched"]!.GetValue<string>());
        Assert.Equal(asV1["metadata"]!["resourceVersion"]!.GetValue<string>(), watched.Metadata.ResourceVersion);
        Assert.Equal(2, watched.Metadata.Generation);
        Assert.Equal(["test.apibuilder.io/keep"], watched.Metadata.Finalizers);
        Assert.Equal("through-v1", watched.Metadata.Annotations["patched"]);

        var listed = Assert.Single((await v2.ListAsync()).Items);
        Assert.Equal(300, listed.Spec.Capacity);
        await events.DisposeAsync();
    }

    [Fact]
    public async Task Status_written_through_v2_is_stored_converted()
    {
        var v1 = new BarrelClient(server.Http, "status");
        var v2 = new V2.BarrelClient(server.Http, "status");
        var created = await v2.CreateAsync(new V2.Barrel { Metadata = { Name = "s1" }, Spec = { Capacity = 10 } });

        created.Status = new BarrelStatus { Filled = 4 };
        await v2.UpdateStatusAsync(created);
        var stored = await v1.GetAsync("s1");

        Assert.Equal(4, stored.Status!.Filled);
        Assert.Equal(10, stored.Spec.Size);
    }

    private async Task<JsonObject> GetAsync(string groupVersion, string name) =>
        (JsonObject)JsonNode.Parse(await server.Http.GetStringAsync($"/apis/{groupVersion}/namespaces/cellar/barrels/{name}"))!;

    private static void AssertSameMetadata(JsonObject v1, JsonObject v2, long generation)
    {
        Assert.Equal(V1, v1["apiVersion"]!.GetValue<string>());
        Assert.Equal(V2Version, v2["apiVersion"]!.GetValue<string>());
        var metadata = v1["metadata"]!;
        Assert.True(JsonNode.DeepEquals(metadata, v2["metadata"]), $"v1: {metadata.ToJsonString()}\nv2: {v2["metadata"]!.ToJsonString()}");
        Assert.Equal("cellar", metadata["labels"]!["app"]!.GetValue<string>());
        Assert.Equal("oak", metadata["annotations"]!["note"]!.GetValue<string>());
        Assert.Equal("test.apibuilder.io/keep", metadata["finalizers"]![0]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(metadata["uid"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(metadata["resourceVersion"]!.GetValue<string>()));
        Assert.Equal(generation, metadata["generation"]!.GetValue<long>());
    }
}

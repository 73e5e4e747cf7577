using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Admission;
using ApiBuilder.Runtime.Registry;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Storage.Memory;
using static ApiBuilder.Runtime.Tests.Registry.TestResources;

namespace ApiBuilder.Runtime.Tests.Registry;

public sealed class MultiVersionTests
{
    // v1 calls the field "size"; v2 calls it "capacity". v1 is the storage version.
    private static JsonObject Rename(JsonObject obj, string toGroupVersion)
    {
        var spec = obj["spec"] as JsonObject;
        var (from, to) = toGroupVersion.EndsWith("/v2", StringComparison.Ordinal) ? ("size", "capacity") : ("capacity", "size");
        if (spec?[from] is { } value)
        {
            spec.Remove(from);
            spec[to] = value.DeepClone();
        }

        return obj;
    }

    private static readonly ResourceDefinition V1 = new()
    {
        Group = "test.example.com", Version = "v1", Kind = "Widget", Plural = "widgets", IsStorageVersion = true, Converter = Rename,
        Schema = (JsonObject)JsonNode.Parse("""{"type":"object","properties":{"spec":{"type":"object","properties":{"size":{"type":"integer"}}}}}""")!,
    };

    private static readonly ResourceDefinition V2 = new()
    {
        Group = "test.example.com", Version = "v2", Kind = "Widget", Plural = "widgets", IsStorageVersion = false, Converter = Rename,
        Schema = (JsonObject)JsonNode.Parse("""{"type":"object","properties":{"spec":{"type":"object","properties":{"capacity":{"type":"integer","maximum":10}}}}}""")!,
    };

    private static (ResourceStore V1, ResourceStore V2, MemoryStorage Storage) Stores()
    {
        var storage = new MemoryStorage();
        var registry = new ResourceRegistry();
        var chain = new AdmissionChain([], registry);
        return (new ResourceStore(new ResourceModel(V1, V1), storage, chain, TimeProvider.System),
                new ResourceStore(new ResourceModel(V2, V1), storage, chain, TimeProvider.System),
                storage);
    }

    [Fact]
    public async Task Objects_written_in_one_version_are_stored_in_the_storage_version_and_read_in_any()
    {
        var (v1, v2, storage) = Stores();
        var body = JsonNode.Parse("""{"apiVersion":"test.example.com/v2","kind":"Widget","metadata":{"name":"w"},"spec":{"capacity":3}}""")!.AsObject();
        var created = await v2.CreateAsync("ns", body, Context(), default);
        Assert.Equal("test.example.com/v2", created["apiVersion"]!.GetValue<string>());
        Assert.Equal(3, created["spec"]!["capacity"]!.GetValue<long>());

        var raw = await storage.GetAsync("/registry/test.example.com/widgets/ns/w", default);
        Assert.Equal("test.example.com/v1", raw!.Value["apiVersion"]!.GetValue<string>());
        Assert.Equal(3, raw.Value["spec"]!["size"]!.GetValue<long>());

        var asV1 = await v1.GetAsync("ns", "w", default);
        Assert.Equal(3, asV1.Value["spec"]!["size"]!.GetValue<long>());
        var listed = await v2.ListAsync("ns", new ListOptions(), default);
        Assert.Equal(3, listed.Items.Single().Value["spec"]!["capacity"]!.GetValue<long>());
    }

    [Fact]
    public async Task Updates_through_a_non_storage_version_validate_against_that_version()
    {
        var (v1, v2, _) = Stores();
        await v1.CreateAsync("ns", JsonNode.Parse("""{"apiVersion":"test.example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":3}}""")!.AsObject(), Context(), default);
        var patched = await v2.UpdateAsync("ns", "w", Merge("""{"spec":{"capacity":7}}"""), Context(), default);
        Assert.Equal(7, patched["spec"]!["capacity"]!.GetValue<long>());
        Assert.Equal(2, patched["metadata"]!["generation"]!.GetValue<long>());
        var tooBig = await Assert.ThrowsAsync<Errors.StatusException>(() => v2.UpdateAsync("ns", "w", Merge("""{"spec":{"capacity":11}}"""), Context(), default).AsTask());
        Assert.Equal(422, tooBig.Code);
        Assert.Equal(7, (await v1.GetAsync("ns", "w", default)).Value["spec"]!["size"]!.GetValue<long>());
    }
}

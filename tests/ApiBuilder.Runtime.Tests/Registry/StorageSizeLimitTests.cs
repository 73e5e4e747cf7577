using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Admission;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Registry;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Tests.Storage;
using static ApiBuilder.Runtime.Tests.Registry.TestResources;

namespace ApiBuilder.Runtime.Tests.Registry;

/// <summary>An object larger than etcd accepts (--max-request-bytes, 1.5 MiB by default) is 413, not a 503 retried for nothing.</summary>
public sealed class StorageSizeLimitTests
{
    private static readonly ResourceDefinition Blob = new()
    {
        Group = "test.example.com",
        Version = "v1",
        Kind = "Blob",
        Plural = "blobs",
        Schema = (JsonObject)JsonNode.Parse("""{"type":"object","properties":{"spec":{"type":"object","properties":{"data":{"type":"string"}}}}}""")!,
    };

    [Fact]
    public async Task Creating_or_patching_an_object_over_etcds_limit_is_413_and_leaves_storage_unchanged()
    {
        await using var etcd = await EtcdCluster.StartAsync();
        await using var storage = EtcdStorageConformanceTests.Create(etcd.ClientUrls);
        var store = new ResourceStore(new ResourceModel(Blob), storage, new AdmissionChain([], new ResourceRegistry()), TimeProvider.System);
        var big = new string('x', 1_700_000);

        var create = await Assert.ThrowsAsync<StatusException>(() => store.CreateAsync("ns", BlobObject("big", big), Context(), default).AsTask());
        var small = await store.CreateAsync("ns", BlobObject("small", "s"), Context(), default);
        var patch = await Assert.ThrowsAsync<StatusException>(() =>
            store.UpdateAsync("ns", "small", Merge($$$"""{"spec":{"data":"{{{big}}}"}}"""), Context(), default).AsTask());

        Assert.Equal((413, "RequestEntityTooLarge"), (create.Code, create.Status.Reason));
        Assert.Equal((413, "RequestEntityTooLarge"), (patch.Code, patch.Status.Reason));
        Assert.Contains("too large to store", patch.Status.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<StatusException>(() => store.GetAsync("ns", "big", default).AsTask());
        var after = (await store.GetAsync("ns", "small", default)).Value;
        Assert.Equal(Meta.ResourceVersion(small), Meta.ResourceVersion(after));
        Assert.Equal("s", after["spec"]!["data"]!.GetValue<string>());
    }

    private static JsonObject BlobObject(string name, string data) => new()
    {
        ["apiVersion"] = "test.example.com/v1",
        ["kind"] = "Blob",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["data"] = data },
    };
}

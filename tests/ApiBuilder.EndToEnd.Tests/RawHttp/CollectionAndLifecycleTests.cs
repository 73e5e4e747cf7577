using System.Net;
using System.Text.Json.Nodes;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.RawHttp;

/// <summary>Collection deletes, generated names, scope in the URL and the finalizer lifecycle as seen on the wire.</summary>
[Collection(RawHttpCollection.Name)]
public sealed class CollectionAndLifecycleTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    private static string Name(JsonNode? item) => item!["metadata"]!["name"]!.GetValue<string>();

    [Fact]
    public async Task Deletecollection_with_a_label_selector_deletes_only_matching_objects()
    {
        await server.Api.CreateFlunderAsync(ns, "sel-1", labels: new Dictionary<string, string> { ["batch"] = "x" });
        await server.Api.CreateFlunderAsync(ns, "sel-2", labels: new Dictionary<string, string> { ["batch"] = "x" });
        await server.Api.CreateFlunderAsync(ns, "other", labels: new Dictionary<string, string> { ["batch"] = "y" });

        using var response = await server.Api.SendAsync(HttpMethod.Delete, $"{WardleApi.Flunders(ns)}?labelSelector=batch%3Dx");

        await server.Api.ExpectJsonAsync(response, HttpStatusCode.OK);
        var left = await server.Api.GetAsync(WardleApi.Flunders(ns));
        Assert.Equal(["other"], left["items"]!.AsArray().Select(Name));
    }

    [Fact]
    public async Task GenerateName_creates_a_unique_name_with_the_prefix()
    {
        var body = WardleApi.NewFlunder("", ns, "r");
        body["metadata"]!.AsObject().Remove("name");
        body["metadata"]!["generateName"] = "gen-";

        using var first = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns), body.ToJsonString());
        using var second = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns), body.ToJsonString());

        var a = Name(await server.Api.ExpectJsonAsync(first, HttpStatusCode.Created));
        var b = Name(await server.Api.ExpectJsonAsync(second, HttpStatusCode.Created));
        Assert.Matches("^gen-[a-z0-9]{5}$", a);
        Assert.Matches("^gen-[a-z0-9]{5}$", b);
        Assert.NotEqual(a, b);
        Assert.Equal(HttpStatusCode.OK, await server.Api.StatusOfGetAsync(WardleApi.Flunder(ns, a)));
    }

    [Fact]
    public async Task A_cluster_scoped_resource_under_a_namespace_is_404()
    {
        using var response = await server.Api.SendAsync(HttpMethod.Get, $"{WardleApi.Root}/namespaces/{ns}/fischers");

        await response.ShouldBeStatusAsync(server, HttpStatusCode.NotFound, "NotFound");
    }

    [Fact]
    public async Task Flunders_of_all_namespaces_are_listed_at_the_cluster_path_and_filter_by_namespace()
    {
        var other = Names.Namespace();
        await server.Api.CreateFlunderAsync(ns, "across-1");
        await server.Api.CreateFlunderAsync(other, "across-2");

        var list = await server.Api.GetAsync($"{WardleApi.Root}/flunders?fieldSelector=" + Uri.EscapeDataString($"metadata.namespace={ns}"));

        Assert.Equal(["across-1"], list["items"]!.AsArray().Select(Name));
        var all = await server.Api.GetAsync($"{WardleApi.Root}/flunders");
        Assert.Contains("across-1", all["items"]!.AsArray().Select(Name));
        Assert.Contains("across-2", all["items"]!.AsArray().Select(Name));
    }

    [Fact]
    public async Task A_finalizer_turns_delete_into_MODIFIED_and_removing_it_into_DELETED()
    {
        var body = WardleApi.NewFlunder("held", ns, "r");
        body["metadata"]!["finalizers"] = new JsonArray("example.com/hold");
        using (var create = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns), body.ToJsonString()))
        {
            await server.Api.ExpectJsonAsync(create, HttpStatusCode.Created);
        }

        var listRv = (await server.Api.GetAsync(WardleApi.Flunders(ns)))["metadata"]!["resourceVersion"]!.GetValue<string>();
        await using var watch = await WatchStream.OpenAsync(server, $"{WardleApi.Flunders(ns)}?watch=1&resourceVersion={listRv}&timeoutSeconds=30");

        using (var delete = await server.Api.SendAsync(HttpMethod.Delete, WardleApi.Flunder(ns, "held")))
        {
            var deleting = await server.Api.ExpectJsonAsync(delete, HttpStatusCode.OK);
            Assert.NotNull(deleting["metadata"]!["deletionTimestamp"]);
        }

        var modified = await watch.NextEventAsync();
        Assert.Equal("MODIFIED", modified["type"]!.GetValue<string>());
        Assert.NotNull(modified["object"]!["metadata"]!["deletionTimestamp"]);

        using (var release = await server.Api.SendAsync(HttpMethod.Patch, WardleApi.Flunder(ns, "held"), """{"metadata":{"finalizers":null}}""", "application/merge-patch+json"))
        {
            await server.Api.ExpectJsonAsync(release, HttpStatusCode.OK);
        }

        var deleted = await watch.NextEventAsync();
        Assert.Equal(("DELETED", "held"), (deleted["type"]!.GetValue<string>(), Name(deleted["object"])));
        Assert.Equal(HttpStatusCode.NotFound, await server.Api.StatusOfGetAsync(WardleApi.Flunder(ns, "held")));
    }
}

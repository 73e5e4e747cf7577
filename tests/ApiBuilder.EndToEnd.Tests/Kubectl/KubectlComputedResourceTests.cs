using System.Net;
using System.Text.Json.Nodes;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Kubectl;

/// <summary>
/// Wardle's FlunderUsage: a read-only Kind computed on each request by user code, served with the list
/// semantics of stored Kinds (Table, YAML, selectors, paging) and only the verbs its storage has.
/// </summary>
[Collection(KubectlCollection.Name)]
public sealed class KubectlComputedResourceTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    private async Task CreateAsync(string name, string reference, string? labels = null) =>
        (await server.Kubectl.RunWithInputAsync(Manifests.Flunder(name, ns, reference, labels), "create", "-f", "-")).ShouldSucceed();

    [Fact]
    public async Task Discovery_lists_only_get_and_list()
    {
        var result = (await server.Kubectl.RunAsync("api-resources", "--api-group", "wardle.example.com", "-o", "wide")).ShouldSucceed();

        var row = result.Lines.Single(l => l.StartsWith("flunderusages ", StringComparison.Ordinal));
        Assert.True(row.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["flunderusages", "flu", "wardle.example.com/v1alpha1", "true", "FlunderUsage", "get,list", "wardle"],
            result.Describe("expected flunderusages with verbs get,list"));
    }

    [Fact]
    public async Task Objects_are_computed_from_the_stored_flunders_and_follow_them()
    {
        await CreateAsync("left", reference: "right", labels: "{side: left}");
        await CreateAsync("right", reference: "left");
        await CreateAsync("lonely", reference: "nobody");

        var table = (await server.Kubectl.RunAsync("get", "flunderusages", "-n", ns)).ShouldSucceed();
        var rows = table.Lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        Assert.True(rows.Length == 4 && rows[0] is ["NAME", "REFERENCED-BY", "REFERENCE-FOUND", "AGE"]
            && rows[1] is ["left", "1", "true", _] && rows[2] is ["lonely", "0", "false", _] && rows[3] is ["right", "1", "true", _],
            table.Describe("expected three computed rows in name order"));

        var yaml = (await server.Kubectl.RunAsync("get", "flu", "left", "-n", ns, "-o", "jsonpath={.kind} {.usage.referencedBy} {.metadata.labels.side}")).ShouldSucceed();
        Assert.True(yaml.Stdout == "FlunderUsage 1 left", yaml.Describe("expected the computed object with the Flunder's labels"));

        (await server.Kubectl.RunAsync("delete", "flunder", "right", "-n", ns)).ShouldSucceed();
        var after = (await server.Kubectl.RunAsync("get", "flu", "left", "-n", ns, "-o", "jsonpath={.usage.referencedBy} {.usage.referenceFound}")).ShouldSucceed();
        Assert.True(after.Stdout == "0 false", after.Describe("expected the usage to follow the deletion"));
    }

    [Fact]
    public async Task Selectors_and_paging_work_as_on_stored_kinds()
    {
        await CreateAsync("a1", reference: "x", labels: "{tier: gold}");
        await CreateAsync("a2", reference: "x");
        await CreateAsync("a3", reference: "x");

        var labelled = (await server.Kubectl.RunAsync("get", "flu", "-n", ns, "-l", "tier=gold", "-o", "name")).ShouldSucceed();
        Assert.True(labelled.Stdout.Trim() == "flunderusage.wardle.example.com/a1", labelled.Describe("expected only a1"));

        var byName = (await server.Kubectl.RunAsync("get", "flu", "-n", ns, "--field-selector", "metadata.name=a3", "-o", "name")).ShouldSucceed();
        Assert.True(byName.Stdout.Trim() == "flunderusage.wardle.example.com/a3", byName.Describe("expected only a3"));

        var chunked = (await server.Kubectl.RunAsync("get", "flu", "-n", ns, "--chunk-size", "1", "-o", "name")).ShouldSucceed();
        Assert.True(chunked.Lines.Count == 3, chunked.Describe("expected all three across pages of one"));

        var page = JsonNode.Parse(await server.Http.GetStringAsync($"{WardleApi.Root}/namespaces/{ns}/flunderusages?limit=2"))!;
        Assert.Equal(2, page["items"]!.AsArray().Count);
        Assert.Equal(1, (int)page["metadata"]!["remainingItemCount"]!);
    }

    [Fact]
    public async Task Writes_and_watch_are_not_allowed_and_a_missing_object_is_not_found()
    {
        await CreateAsync("fixed", reference: "x");

        (await server.Kubectl.RunAsync("delete", "flu", "fixed", "-n", ns))
            .ShouldFailWith("Error from server (MethodNotAllowed): the server does not allow this method on the requested resource");
        // kubectl itself would go on to look up the namespace, which belongs to kube-apiserver: ask directly.
        using (var missing = await server.Http.GetAsync($"{WardleApi.Root}/namespaces/{ns}/flunderusages/absent"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("flunderusages.wardle.example.com \"absent\" not found", (string?)JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["message"]);
        }

        foreach (var (method, path) in new[]
                 {
                     (HttpMethod.Post, $"{WardleApi.Root}/namespaces/{ns}/flunderusages"),
                     (HttpMethod.Put, $"{WardleApi.Root}/namespaces/{ns}/flunderusages/fixed"),
                     (HttpMethod.Patch, $"{WardleApi.Root}/namespaces/{ns}/flunderusages/fixed"),
                     (HttpMethod.Delete, $"{WardleApi.Root}/namespaces/{ns}/flunderusages"),
                     (HttpMethod.Get, $"{WardleApi.Root}/namespaces/{ns}/flunderusages?watch=true"),
                 })
        {
            using var request = new HttpRequestMessage(method, path) { Content = method == HttpMethod.Get ? null : new StringContent("{}", System.Text.Encoding.UTF8, "application/merge-patch+json") };
            using var response = await server.Http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed, $"{method} {path}: {(int)response.StatusCode}");
            Assert.Equal("MethodNotAllowed", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["reason"]);
        }
    }

    [Theory]
    [InlineData("create")]
    [InlineData("replace")]
    [InlineData("apply", "--server-side")]
    public async Task Writes_from_a_manifest_reach_the_server_and_print_its_method_not_allowed(params string[] verb)
    {
        // kubectl first looks for the Kind's PATCH in OpenAPI to know whether the server validates fields: a read-only
        // Kind has none in v3, so kubectl reads /openapi/v2 in protobuf; then the write goes to the server.
        var manifest = $"apiVersion: wardle.example.com/v1alpha1\nkind: FlunderUsage\nmetadata:\n  name: made-up\n  namespace: {ns}\n";
        var result = await server.Kubectl.RunWithInputAsync(manifest, [.. verb, "-f", "-"]);
        Assert.True(result.ExitCode != 0 && result.Stderr.Contains("Error from server (MethodNotAllowed)", StringComparison.Ordinal)
            && result.Stderr.Contains("the server does not allow this method on the requested resource", StringComparison.Ordinal)
            && !result.Stderr.Contains("openapi", StringComparison.OrdinalIgnoreCase),
            result.Describe("expected the server's 405 Status"));
    }

    [Fact]
    public async Task Openapi_documents_only_the_served_operations()
    {
        var document = JsonNode.Parse(await server.Http.GetStringAsync("/openapi/v3/apis/wardle.example.com/v1alpha1"))!;
        var paths = document["paths"]!.AsObject();

        var collection = paths["/apis/wardle.example.com/v1alpha1/namespaces/{namespace}/flunderusages"]!.AsObject();
        Assert.Equal(["get"], collection.Where(p => p.Key is "get" or "post" or "delete" or "put" or "patch").Select(p => p.Key));
        var item = paths["/apis/wardle.example.com/v1alpha1/namespaces/{namespace}/flunderusages/{name}"]!.AsObject();
        Assert.Equal(["get"], item.Where(p => p.Key is "get" or "post" or "delete" or "put" or "patch").Select(p => p.Key));

        var explain = (await server.Kubectl.RunAsync("explain", "flunderusages.usage.referencedBy")).ShouldSucceed();
        Assert.True(explain.Stdout.Contains("How many Flunders", StringComparison.Ordinal), explain.Describe("expected the field's description"));
    }
}

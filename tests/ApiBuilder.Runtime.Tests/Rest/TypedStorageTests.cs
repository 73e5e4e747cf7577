using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Testing;

namespace ApiBuilder.Runtime.Tests.Rest;

/// <summary>A Kind kept in the user's typed storage: the verbs it implements are served, with the server's semantics; the others are 405 and unadvertised.</summary>
public sealed class TypedStorageTests
{
    private const string Gadgets = "/apis/test.example.com/v1/namespaces/default/gadgets";

    [Fact]
    public async Task Create_get_list_patch_status_and_delete_go_through_the_users_storage()
    {
        var storage = new DictionaryStorage();
        await using var server = await ApiTestServer.StartAsync(builder => builder.AddResource(storage));
        var http = server.Client;

        using (var created = await http.PostAsync(Gadgets, Json("""{"apiVersion":"test.example.com/v1","kind":"Gadget","metadata":{"generateName":"g-"},"spec":{}}""")))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var body = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
            Assert.StartsWith("g-", (string?)body["metadata"]!["name"], StringComparison.Ordinal);
            Assert.Equal(1, (long)body["spec"]!["size"]!); // defaulted by the schema before the storage saw it
            Assert.False(string.IsNullOrEmpty((string?)body["metadata"]!["uid"]));
        }

        var (key, kept) = Assert.Single(storage.Items);
        Assert.Equal(1, kept.Size);
        var name = key.Name;

        using (var invalid = await http.PostAsync(Gadgets, Json("""{"apiVersion":"test.example.com/v1","kind":"Gadget","metadata":{"name":"bad"},"spec":{"size":-1}}""")))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        }

        using (var duplicate = await http.PostAsync(Gadgets, Json($$$"""{"apiVersion":"test.example.com/v1","kind":"Gadget","metadata":{"name":"{{{name}}}"}}""")))
        {
            Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        }

        using (var patched = await http.PatchAsync($"{Gadgets}/{name}", new StringContent("""{"spec":{"size":5},"status":{"phase":"ignored"}}""", Encoding.UTF8, "application/merge-patch+json")))
        {
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        }

        using (var status = await http.PatchAsync($"{Gadgets}/{name}/status", new StringContent("""{"status":{"phase":"Ready"}}""", Encoding.UTF8, "application/merge-patch+json")))
        {
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        }

        Assert.Equal((5L, "Ready"), (storage.Items[key].Size, storage.Items[key].Phase));

        var table = JsonNode.Parse(await (await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, Gadgets)
        {
            Headers = { { "Accept", "application/json;as=Table;v=v1;g=meta.k8s.io" } },
        })).Content.ReadAsStringAsync())!;
        Assert.Equal(["Name", "Size", "Age"], table["columnDefinitions"]!.AsArray().Select(c => (string?)c!["name"]));

        using (var deleted = await http.DeleteAsync($"{Gadgets}/{name}"))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        Assert.Empty(storage.Items);
        using var missing = await http.DeleteAsync($"{Gadgets}/{name}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        // Objects kept by user code have no managedFields: apply is refused, and OpenAPI does not offer it.
        using (var apply = await http.PatchAsync($"{Gadgets}/{name}?fieldManager=me", new StringContent(
            "apiVersion: test.example.com/v1\nkind: Gadget\nmetadata: {name: " + name + "}\n", Encoding.UTF8, "application/apply-patch+yaml")))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, apply.StatusCode);
        }

        var openApi = JsonNode.Parse(await http.GetStringAsync("/openapi/v3/apis/test.example.com/v1"))!;
        var patch = openApi["paths"]!["/apis/test.example.com/v1/namespaces/{namespace}/gadgets/{name}"]!["patch"]!["requestBody"]!["content"]!.AsObject();
        Assert.Contains("application/merge-patch+json", patch.Select(c => c.Key));
        Assert.DoesNotContain("application/apply-patch+yaml", patch.Select(c => c.Key));
    }

    [Fact]
    public async Task A_read_only_storage_serves_get_and_list_only_and_says_so()
    {
        var storage = new DictionaryStorage();
        storage.Items[("default", "one")] = new Gadget { Metadata = { Name = "one", Namespace = "default" }, Size = 3 };
        await using var server = await ApiTestServer.StartAsync(builder => builder.AddResource(new ReadOnlyGadgets(storage)));
        var http = server.Client;

        var discovery = JsonNode.Parse(await http.GetStringAsync("/apis/test.example.com/v1"))!;
        var gadgets = discovery["resources"]!.AsArray().Single(r => (string?)r!["name"] == "gadgets")!;
        Assert.Equal(["get", "list"], gadgets["verbs"]!.AsArray().Select(v => (string?)v));

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{Gadgets}/one")).StatusCode);
        foreach (var request in new[]
                 {
                     new HttpRequestMessage(HttpMethod.Post, Gadgets) { Content = Json("{}") },
                     new HttpRequestMessage(HttpMethod.Put, $"{Gadgets}/one") { Content = Json("{}") },
                     new HttpRequestMessage(HttpMethod.Delete, $"{Gadgets}/one"),
                     new HttpRequestMessage(HttpMethod.Delete, Gadgets),
                     new HttpRequestMessage(HttpMethod.Get, Gadgets + "?watch=true"),
                 })
        {
            using var response = await http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed, $"{request.Method} {request.RequestUri}: {(int)response.StatusCode}");
        }

        Assert.Single(storage.Items);
    }

    [Fact]
    public async Task A_declared_field_selects_in_lists_of_the_users_storage_and_is_advertised()
    {
        var storage = new DictionaryStorage();
        storage.Items[("default", "small")] = new Gadget { Metadata = { Name = "small", Namespace = "default" }, Size = 1 };
        storage.Items[("default", "big")] = new Gadget { Metadata = { Name = "big", Namespace = "default" }, Size = 9 };
        await using var server = await ApiTestServer.StartAsync(builder => builder.AddResource(new ReadOnlyGadgets(storage)));
        var http = server.Client;

        var big = JsonNode.Parse(await http.GetStringAsync(Gadgets + "?fieldSelector=spec.size%3D9"))!;
        Assert.Equal(["big"], big["items"]!.AsArray().Select(i => (string?)i!["metadata"]!["name"]));
        var notBig = JsonNode.Parse(await http.GetStringAsync(Gadgets + "?fieldSelector=spec.size!%3D9,metadata.name%3Dsmall"))!;
        Assert.Equal(["small"], notBig["items"]!.AsArray().Select(i => (string?)i!["metadata"]!["name"]));

        using (var undeclared = await http.GetAsync(Gadgets + "?fieldSelector=status.phase%3DReady"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, undeclared.StatusCode);
            Assert.Contains("field label not supported: status.phase", await undeclared.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var openApi = JsonNode.Parse(await http.GetStringAsync("/openapi/v3/apis/test.example.com/v1"))!;
        var list = openApi["paths"]!["/apis/test.example.com/v1/namespaces/{namespace}/gadgets"]!["get"]!["parameters"]!.AsArray();
        var fieldSelector = list.Single(p => (string?)p!["name"] == "fieldSelector")!;
        Assert.EndsWith("Selectable fields: metadata.name, metadata.namespace, spec.size.", (string?)fieldSelector["description"], StringComparison.Ordinal);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}

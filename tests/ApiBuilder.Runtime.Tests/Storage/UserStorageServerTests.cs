using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Testing;
using ApiBuilder.Runtime.Tests.Registry;

namespace ApiBuilder.Runtime.Tests.Storage;

/// <summary>A Kind kept in the user's own <see cref="ApiBuilder.Runtime.Storage.IStorage"/>: the server's semantics work on it unchanged.</summary>
public sealed class UserStorageServerTests
{
    private const string Widgets = "/apis/test.example.com/v1/namespaces/default/widgets";

    [Fact]
    public async Task Writes_lists_selectors_status_and_watch_go_through_the_users_storage()
    {
        var storage = new JournalStorage(keep: 1000);
        await using var server = await ApiTestServer.StartAsync(builder => builder.AddResource(TestResources.Widget(), storage));
        var http = server.Client;

        using (var created = await http.PostAsync(Widgets, Json("""{"apiVersion":"test.example.com/v1","kind":"Widget","metadata":{"name":"w1","labels":{"tier":"gold"}},"spec":{"size":1}}""")))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        (await http.PostAsync(Widgets, Json("""{"apiVersion":"test.example.com/v1","kind":"Widget","metadata":{"name":"w2"},"spec":{"size":2}}"""))).Dispose();

        var kept = await storage.ListAsync("", new ApiBuilder.Runtime.Storage.StorageListRequest(), default);
        Assert.Equal(2, kept.Items.Count);

        var selected = JsonNode.Parse(await http.GetStringAsync(Widgets + "?labelSelector=tier%3Dgold"))!;
        Assert.Equal(["w1"], selected["items"]!.AsArray().Select(i => (string?)i!["metadata"]!["name"]));
        var rv = (string?)selected["metadata"]!["resourceVersion"];

        using (var status = await http.PatchAsync(Widgets + "/w1/status", new StringContent("""{"status":{"phase":"Ready"}}""", Encoding.UTF8, "application/merge-patch+json")))
        {
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        }

        using (var conflict = await http.PutAsync(Widgets + "/w2", Json("""{"apiVersion":"test.example.com/v1","kind":"Widget","metadata":{"name":"w2","resourceVersion":"1"},"spec":{"size":3}}""")))
        {
            Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        }

        using var watch = await http.GetAsync($"{Widgets}?watch=true&resourceVersion={rv}&timeoutSeconds=2", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await watch.Content.ReadAsStreamAsync());
        var first = JsonNode.Parse((await reader.ReadLineAsync())!)!;
        Assert.Equal("MODIFIED", (string?)first["type"]);
        Assert.Equal("Ready", (string?)first["object"]!["status"]!["phase"]);

        using var deleted = await http.DeleteAsync(Widgets + "/w1");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Null(await storage.GetAsync(kept.Items.Single(i => i.Key.EndsWith("/w1", StringComparison.Ordinal)).Key, default));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}

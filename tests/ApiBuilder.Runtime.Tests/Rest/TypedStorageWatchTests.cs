using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Client;
using ApiBuilder.Runtime.Controllers;
using ApiBuilder.Runtime.Testing;

namespace ApiBuilder.Runtime.Tests.Rest;

/// <summary>Watch on a Kind kept by the user's typed storage (<c>IWatchableStorage</c>), and the list semantics around it.</summary>
public sealed class TypedStorageWatchTests
{
    private const string Gadgets = "/apis/test.example.com/v1/namespaces/default/gadgets";

    [Fact]
    public async Task Watch_sends_the_initial_state_then_each_change_resumes_and_expires()
    {
        var storage = new WatchableGadgets();
        storage.Put("default", "a", 1);
        storage.Put("default", "b", 2);
        storage.Put("other", "c", 3);
        await using var server = await ApiTestServer.StartAsync(builder => builder.AddResource(storage));
        var http = server.Client;

        var discovery = JsonNode.Parse(await http.GetStringAsync("/apis/test.example.com/v1"))!;
        var gadgets = discovery["resources"]!.AsArray().Single(r => (string?)r!["name"] == "gadgets")!;
        Assert.Equal(["get", "list", "watch"], gadgets["verbs"]!.AsArray().Select(v => (string?)v));

        var list = JsonNode.Parse(await http.GetStringAsync(Gadgets))!;
        Assert.Equal("3", (string?)list["metadata"]!["resourceVersion"]);

        using (var watch = await WatchAsync(http, Gadgets + "?watch=true&timeoutSeconds=5"))
        {
            Assert.Equal(("ADDED", "a", "1"), Describe(await watch.NextAsync()));
            Assert.Equal(("ADDED", "b", "2"), Describe(await watch.NextAsync()));
            storage.Put("default", "a", 5);
            storage.Put("other", "c", 4); // another namespace: not sent
            storage.Remove("default", "b");
            var modified = await watch.NextAsync();
            Assert.Equal(("MODIFIED", "a", "4"), Describe(modified));
            Assert.Equal(5, (long)modified["object"]!["spec"]!["size"]!);
            Assert.Equal(("DELETED", "b", "6"), Describe(await watch.NextAsync()));
        }

        using (var resumed = await WatchAsync(http, Gadgets + "?watch=true&timeoutSeconds=5&resourceVersion=4"))
        {
            Assert.Equal(("DELETED", "b", "6"), Describe(await resumed.NextAsync()));
        }

        using (var tooLarge = await http.GetAsync(Gadgets + "?watch=true&resourceVersion=99"))
        {
            Assert.Equal(HttpStatusCode.GatewayTimeout, tooLarge.StatusCode);
        }

        storage.Forget();
        using var expired = await WatchAsync(http, Gadgets + "?watch=true&timeoutSeconds=5&resourceVersion=4");
        var error = await expired.NextAsync();
        Assert.Equal("ERROR", (string?)error["type"]);
        Assert.Equal(410, (int)error["object"]!["code"]!);
        Assert.Equal("Expired", (string?)error["object"]!["reason"]);
        Assert.Null(await expired.NextOrEndAsync());
    }

    [Fact]
    public async Task Selectors_turn_changes_into_entering_and_leaving_the_selection()
    {
        var storage = new WatchableGadgets();
        storage.Put("default", "a", 1, new() { ["app"] = "web" });
        storage.Put("default", "z", 1, new() { ["app"] = "db" });
        await using var server = await ApiTestServer.StartAsync(builder => builder.AddResource(storage));

        using (var watch = await WatchAsync(server.Client, Gadgets + "?watch=true&timeoutSeconds=5&fieldSelector=spec.size%3D1&labelSelector=app%3Dweb"))
        {
            Assert.Equal(("ADDED", "a", "1"), Describe(await watch.NextAsync()));
            storage.Put("default", "b", 1, new() { ["app"] = "web" });
            storage.Put("default", "a", 2, new() { ["app"] = "web" });
            storage.Put("default", "z", 3, new() { ["app"] = "db" }); // never selected: nothing
            storage.Put("default", "a", 1, new() { ["app"] = "web" });
            storage.Remove("default", "z");
            storage.Remove("default", "b");
            Assert.Equal(("ADDED", "b", "3"), Describe(await watch.NextAsync()));
            Assert.Equal(("DELETED", "a", "4"), Describe(await watch.NextAsync()));
            Assert.Equal(("ADDED", "a", "6"), Describe(await watch.NextAsync()));
            Assert.Equal(("DELETED", "b", "8"), Describe(await watch.NextAsync()));
        }

        using var unsupported = await server.Client.GetAsync(Gadgets + "?watch=true&fieldSelector=status.phase%3DReady");
        Assert.Equal(HttpStatusCode.BadRequest, unsupported.StatusCode);
    }

    [Fact]
    public async Task A_bookmark_of_the_storage_moves_the_resourceVersion_clients_resume_from()
    {
        var storage = new WatchableGadgets();
        storage.Put("default", "a", 1);
        await using var server = await ApiTestServer.StartAsync(builder => builder.AddResource(storage));

        using var watch = await WatchAsync(server.Client, Gadgets + "?watch=true&resourceVersion=1&allowWatchBookmarks=true&timeoutSeconds=1");
        storage.Bookmark();
        var bookmark = await watch.NextAsync();
        Assert.Equal("BOOKMARK", (string?)bookmark["type"]);
        Assert.Equal("2", (string?)bookmark["object"]!["metadata"]!["resourceVersion"]);
        Assert.Null(await watch.NextOrEndAsync());
    }

    [Fact]
    public async Task An_exact_list_is_served_only_at_the_storages_present_resourceVersion()
    {
        var storage = new WatchableGadgets();
        storage.Put("default", "a", 1);
        storage.Put("default", "a", 2);
        await using var server = await ApiTestServer.StartAsync(builder => builder.AddResource(storage));
        var http = server.Client;

        var present = JsonNode.Parse(await http.GetStringAsync(Gadgets + "?resourceVersion=2&resourceVersionMatch=Exact"))!;
        Assert.Equal("2", (string?)present["metadata"]!["resourceVersion"]);
        await AssertStatusAsync(http, Gadgets + "?resourceVersion=1&resourceVersionMatch=Exact", 410, "Expired", "The resourceVersion for the provided list is too old.");
        using (var future = await http.GetAsync(Gadgets + "?resourceVersion=7&resourceVersionMatch=Exact"))
        {
            Assert.Equal(HttpStatusCode.GatewayTimeout, future.StatusCode);
        }

        // A storage without watch has no resourceVersions at all: no exact one can be served.
        var plain = new DictionaryStorage();
        await using var readOnly = await ApiTestServer.StartAsync(builder => builder.AddResource(new ReadOnlyGadgets(plain)));
        await AssertStatusAsync(readOnly.Client, Gadgets + "?resourceVersion=5&resourceVersionMatch=Exact", 410, "Expired", "The resourceVersion for the provided list is too old.");
    }

    [Theory]
    [InlineData("not-base64!", "illegal base64 data")]
    [InlineData("e30=", "server does not recognize this encoded version")] // {}
    [InlineData("eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ==", "incorrect encoded start resourceVersion (version meta.k8s.io/v1)")] // {"v":"meta.k8s.io/v1"}
    [InlineData("eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6M30=", "encoded start key empty (version meta.k8s.io/v1)")] // {"v":"meta.k8s.io/v1","rv":3}
    [InlineData("eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6IngifQ==", "cannot unmarshal string into continue token field rv of type int64")] // rv "x"
    [InlineData("WzFd", "cannot unmarshal array into a continue token")] // [1]
    public async Task A_bad_continue_token_is_a_bad_request_in_kube_apiservers_words(string token, string detail)
    {
        var storage = new DictionaryStorage();
        await using var server = await ApiTestServer.StartAsync(builder => builder.AddResource(new ReadOnlyGadgets(storage)));
        await AssertStatusAsync(server.Client, Gadgets + "?limit=1&continue=" + Uri.EscapeDataString(token), 400, "BadRequest", "invalid continue token: continue key is not valid: " + detail);
    }

    [Fact]
    public async Task An_informer_follows_a_watchable_user_storage_through_watch_not_polling()
    {
        var storage = new WatchableGadgets();
        storage.Put("default", "a", 1);
        await using var server = await ApiTestServer.StartAsync(builder => builder.AddResource(storage));
        var informer = new Informer<Gadget>(new ResourceClient<Gadget>(server.Client), pollInterval: TimeSpan.FromHours(1));
        using var stop = new CancellationTokenSource();
        var running = informer.RunAsync(stop.Token);
        await informer.Synced.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.False(informer.Polling);
        Assert.Equal(1, informer.Objects["default/a"].Size);

        // With an hour between polls, only the watch can bring these.
        storage.Put("default", "b", 2);
        storage.Put("default", "a", 3);
        storage.Remove("default", "b");
        await Eventually(() => informer.Objects.TryGetValue("default/a", out var a) && a.Size == 3 && !informer.Objects.ContainsKey("default/b"));
        await stop.CancelAsync();
        await running;
    }

    private static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }

    private static async Task AssertStatusAsync(HttpClient http, string uri, int code, string reason, string message)
    {
        using var response = await http.GetAsync(uri);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(code, (int)response.StatusCode);
        Assert.Equal("Status", (string?)status["kind"]);
        Assert.Equal(reason, (string?)status["reason"]);
        Assert.Equal(message, (string?)status["message"]);
    }

    private static (string?, string?, string?) Describe(JsonNode e) =>
        ((string?)e["type"], (string?)e["object"]!["metadata"]!["name"], (string?)e["object"]!["metadata"]!["resourceVersion"]);

    private static async Task<WatchLines> WatchAsync(HttpClient http, string uri)
    {
        var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new WatchLines(response, new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8));
    }

    private sealed class WatchLines(HttpResponseMessage response, StreamReader reader) : IDisposable
    {
        public async Task<JsonNode> NextAsync() => await NextOrEndAsync() ?? throw new InvalidOperationException("The watch ended.");

        public async Task<JsonNode?> NextOrEndAsync()
        {
            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var line = await reader.ReadLineAsync(guard.Token);
            return line is null ? null : JsonNode.Parse(line);
        }

        public void Dispose()
        {
            reader.Dispose();
            response.Dispose();
        }
    }
}

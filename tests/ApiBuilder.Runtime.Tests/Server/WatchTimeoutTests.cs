using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Resources;

namespace ApiBuilder.Runtime.Tests.Server;

/// <summary>
/// Watches that end by <c>timeoutSeconds</c>, as every client-go informer watch does: the stream must
/// close cleanly and, when bookmarks were asked for, end with a BOOKMARK at the revision reached.
/// </summary>
public sealed class WatchTimeoutTests
{
    private const string Things = "/apis/test.example.com/v1/namespaces/ns/things";

    private static readonly ResourceDefinition Thing = new()
    {
        Group = "test.example.com",
        Version = "v1",
        Kind = "Thing",
        Plural = "things",
        Schema = (JsonObject)JsonNode.Parse("""{"type":"object","properties":{"spec":{"type":"object","properties":{"n":{"type":"integer"}}}}}""")!,
    };

    [Fact]
    public async Task Fifty_bookmark_watches_ending_together_by_timeout_each_close_with_a_final_BOOKMARK()
    {
        await using var server = await InProcessServer.StartAsync(Thing);
        var (created, first) = await server.SendAsync(HttpMethod.Post, Things, Body("before"));
        Assert.Equal(HttpStatusCode.Created, created);
        var startRevision = long.Parse(first["metadata"]!["resourceVersion"]!.GetValue<string>());

        var watches = Enumerable.Range(0, 50)
            .Select(_ => ReadWholeWatchAsync(server, $"{Things}?watch=1&allowWatchBookmarks=true&timeoutSeconds=1&resourceVersion={startRevision}"))
            .ToList();
        for (var i = 0; i < 5; i++)
        {
            var (code, _) = await server.SendAsync(HttpMethod.Post, Things, Body($"during-{i}"));
            Assert.Equal(HttpStatusCode.Created, code);
        }

        foreach (var lines in await Task.WhenAll(watches))
        {
            var events = lines.Select(ParseEvent).ToList();
            var last = events[^1];
            Assert.True(Type(last) == "BOOKMARK", $"the stream did not end with a BOOKMARK:\n{string.Join('\n', lines)}");
            var bookmarkRevision = Revision(last);
            Assert.All(events.SkipLast(1), e => Assert.Equal("ADDED", Type(e)));
            Assert.All(events.SkipLast(1), e => Assert.True(Revision(e) <= bookmarkRevision, $"an event is newer than the closing bookmark:\n{string.Join('\n', lines)}"));
            Assert.True(bookmarkRevision >= startRevision);
        }
    }

    [Fact]
    public async Task Watches_without_bookmarks_ending_by_timeout_close_cleanly()
    {
        await using var server = await InProcessServer.StartAsync(Thing);

        var all = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => ReadWholeWatchAsync(server, $"{Things}?watch=1&timeoutSeconds=1")));

        Assert.All(all, lines => Assert.Empty(lines));
    }

    private static string Body(string name) =>
        $$$"""{"apiVersion":"test.example.com/v1","kind":"Thing","metadata":{"name":"{{{name}}}"},"spec":{"n":1}}""";

    // Reading to the end fails when the server aborts the response instead of ending it.
    private static async Task<List<string>> ReadWholeWatchAsync(InProcessServer server, string path)
    {
        using var response = await server.Client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static JsonObject ParseEvent(string line)
    {
        JsonObject? e = null;
        try
        {
            e = JsonNode.Parse(line) as JsonObject;
        }
        catch (JsonException)
        {
        }

        Assert.True(e?["type"] is JsonValue && e["object"] is JsonObject, $"not one complete watch event: {line}");
        return e!;
    }

    private static string Type(JsonObject e) => e["type"]!.GetValue<string>();

    private static long Revision(JsonObject e) => long.Parse(e["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>());
}

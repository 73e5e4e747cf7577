using System.Text.Json.Nodes;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Protocol;

/// <summary>Watch framing and starting points (protocol §4.5).</summary>
[Collection(ProtocolCollection.Name)]
public sealed class WatchTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    private static string Type(JsonObject watchEvent) => watchEvent["type"]!.GetValue<string>();

    private static long Revision(JsonObject watchEvent) => long.Parse(watchEvent["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>());

    private static string Name(JsonObject watchEvent) => watchEvent["object"]!["metadata"]?["name"]?.GetValue<string>() ?? "";

    private async Task PatchReferenceAsync(string name, string reference)
    {
        using var response = await server.Api.SendAsync(HttpMethod.Patch, WardleApi.Flunder(ns, name),
            $$$"""{"spec":{"reference":"{{{reference}}}"}}""", "application/merge-patch+json");
        await server.Api.ExpectJsonAsync(response, System.Net.HttpStatusCode.OK);
    }

    private async Task DeleteAsync(string name)
    {
        using var response = await server.Api.SendAsync(HttpMethod.Delete, WardleApi.Flunder(ns, name));
        await server.Api.ExpectJsonAsync(response, System.Net.HttpStatusCode.OK);
    }

    [Fact]
    public async Task Watch_from_resource_version_0_starts_with_synthetic_ADDED_events()
    {
        await server.Api.CreateFlunderAsync(ns, "pre-a");
        await server.Api.CreateFlunderAsync(ns, "pre-b");

        await using var watch = await WatchStream.OpenAsync(server, $"{WardleApi.Flunders(ns)}?watch=1&resourceVersion=0&timeoutSeconds=30");

        Assert.Equal("application/json", WardleApi.ContentType(watch.Response)?.MediaType);
        var first = await watch.NextEventAsync();
        var second = await watch.NextEventAsync();
        Assert.Equal(["ADDED", "ADDED"], new[] { Type(first), Type(second) });
        Assert.Equal(["pre-a", "pre-b"], new[] { Name(first), Name(second) }.Order());
        Assert.Equal("Flunder", first["object"]!["kind"]!.GetValue<string>());
        Assert.Equal("wardle.example.com/v1alpha1", first["object"]!["apiVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Watch_from_a_list_resource_version_sends_only_later_changes_in_order()
    {
        await server.Api.CreateFlunderAsync(ns, "listed");
        var list = await server.Api.GetAsync(WardleApi.Flunders(ns));
        var listRv = list["metadata"]!["resourceVersion"]!.GetValue<string>();

        await using var watch = await WatchStream.OpenAsync(server, $"{WardleApi.Flunders(ns)}?watch=1&resourceVersion={listRv}&timeoutSeconds=30");
        await PatchReferenceAsync("listed", "changed");
        await DeleteAsync("listed");
        await server.Api.CreateFlunderAsync(ns, "later");

        var modified = await watch.NextEventAsync();
        var deleted = await watch.NextEventAsync();
        var added = await watch.NextEventAsync();

        Assert.Equal(["MODIFIED", "DELETED", "ADDED"], new[] { Type(modified), Type(deleted), Type(added) });
        Assert.Equal(["listed", "listed", "later"], new[] { Name(modified), Name(deleted), Name(added) });
        Assert.Equal("changed", modified["object"]!["spec"]!["reference"]!.GetValue<string>());
        Assert.Equal("changed", deleted["object"]!["spec"]!["reference"]!.GetValue<string>());
        var versions = new[] { modified, deleted, added }.Select(e => long.Parse(e["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>())).ToList();
        Assert.True(versions.SequenceEqual(versions.Order()) && versions.Distinct().Count() == 3 && versions[0] > long.Parse(listRv),
            watch.Describe("event resourceVersions must increase after the list's"));
    }

    [Fact]
    public async Task SendInitialEvents_ends_the_initial_state_with_an_annotated_BOOKMARK()
    {
        await server.Api.CreateFlunderAsync(ns, "initial-a");
        await server.Api.CreateFlunderAsync(ns, "initial-b");

        await using var watch = await WatchStream.OpenAsync(server,
            $"{WardleApi.Flunders(ns)}?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=30");

        var initial = new[] { await watch.NextEventAsync(), await watch.NextEventAsync() };
        Assert.All(initial, e => Assert.Equal("ADDED", Type(e)));
        Assert.Equal(["initial-a", "initial-b"], initial.Select(Name).Order());

        var bookmark = await watch.NextEventAsync();
        Assert.Equal("BOOKMARK", Type(bookmark));
        Assert.Equal("Flunder", bookmark["object"]!["kind"]?.GetValue<string>());
        Assert.Equal("true", bookmark["object"]!["metadata"]?["annotations"]?["k8s.io/initial-events-end"]?.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(bookmark["object"]!["metadata"]?["resourceVersion"]?.GetValue<string>()), watch.Describe("bookmark without resourceVersion"));

        await server.Api.CreateFlunderAsync(ns, "live");
        var live = await watch.NextEventAsync();
        Assert.Equal(("ADDED", "live"), (Type(live), Name(live)));
    }

    [Fact]
    public async Task TimeoutSeconds_ends_the_stream()
    {
        await using var watch = await WatchStream.OpenAsync(server, $"{WardleApi.Flunders(ns)}?watch=1&timeoutSeconds=1");

        Assert.True(await watch.EndsWithinAsync(TimeSpan.FromSeconds(15)), watch.Describe("the watch was still open 15s after timeoutSeconds=1"));
    }

    [Fact]
    public async Task Fifty_bookmark_watches_ending_by_timeout_close_cleanly_with_a_final_BOOKMARK_and_no_server_error()
    {
        // Every client-go informer watch asks for bookmarks and ends by timeoutSeconds.
        var before = await server.Api.CreateFlunderAsync(ns, "before-timeouts");
        var startRevision = long.Parse(before["metadata"]!["resourceVersion"]!.GetValue<string>());
        var path = $"{WardleApi.Flunders(ns)}?watch=1&allowWatchBookmarks=true&timeoutSeconds=1&resourceVersion={startRevision}";

        var watches = Enumerable.Range(0, 50).Select(_ => ReadWholeStreamAsync(path)).ToList();
        for (var i = 0; i < 3; i++)
        {
            await server.Api.CreateFlunderAsync(ns, $"during-timeouts-{i}");
        }

        foreach (var lines in await Task.WhenAll(watches))
        {
            var events = lines.Select(line => ParseEvent(line, lines)).ToList();
            Assert.True(events.Count > 0 && Type(events[^1]) == "BOOKMARK", server.Explain($"the stream did not end with a BOOKMARK:\n{string.Join('\n', lines)}"));
            var bookmarkRevision = Revision(events[^1]);
            Assert.True(bookmarkRevision >= startRevision && events.SkipLast(1).All(e => Type(e) == "ADDED" && Revision(e) <= bookmarkRevision),
                server.Explain($"expected ADDED events up to the closing bookmark's revision:\n{string.Join('\n', lines)}"));
        }

        var errors = server.Output.LinesContaining($"/namespaces/{ns}/");
        Assert.True(errors.Count == 0, server.Explain($"the server logged about these watches:\n{string.Join('\n', errors)}"));
    }

    [Fact]
    public async Task A_field_selector_watch_only_sees_the_named_object()
    {
        await server.Api.CreateFlunderAsync(ns, "chosen");
        await server.Api.CreateFlunderAsync(ns, "ignored");

        await using var watch = await WatchStream.OpenAsync(server,
            $"{WardleApi.Flunders(ns)}?watch=1&resourceVersion=0&fieldSelector=metadata.name%3Dchosen&timeoutSeconds=30");
        var synthetic = await watch.NextEventAsync();
        await PatchReferenceAsync("ignored", "x");
        await PatchReferenceAsync("chosen", "y");
        var change = await watch.NextEventAsync();

        Assert.Equal(("ADDED", "chosen"), (Type(synthetic), Name(synthetic)));
        Assert.Equal(("MODIFIED", "chosen"), (Type(change), Name(change)));
    }

    [Fact]
    public async Task A_Table_watch_sends_column_definitions_only_with_the_first_event()
    {
        await server.Api.CreateFlunderAsync(ns, "tabled", "before");

        await using var watch = await WatchStream.OpenAsync(server, $"{WardleApi.Flunders(ns)}?watch=1&resourceVersion=0&timeoutSeconds=30", MediaTypes.Table);
        var first = await watch.NextEventAsync();
        await PatchReferenceAsync("tabled", "after");
        var second = await watch.NextEventAsync();

        Assert.Equal("Table", first["object"]!["kind"]!.GetValue<string>());
        Assert.Equal(5, first["object"]!["columnDefinitions"]!.AsArray().Count);
        Assert.Equal("before", first["object"]!["rows"]![0]!["cells"]![1]!.GetValue<string>());
        Assert.Equal("Table", second["object"]!["kind"]!.GetValue<string>());
        Assert.True(second["object"]!["columnDefinitions"] is null or JsonArray { Count: 0 }, watch.Describe("only the first Table event carries columnDefinitions"));
        Assert.Equal("after", second["object"]!["rows"]![0]!["cells"]![1]!.GetValue<string>());
    }

    [Fact]
    public async Task A_metadata_watch_sends_PartialObjectMetadata_objects()
    {
        await server.Api.CreateFlunderAsync(ns, "meta-watched");

        await using var watch = await WatchStream.OpenAsync(server, $"{WardleApi.Flunders(ns)}?watch=1&resourceVersion=0&timeoutSeconds=30", MediaTypes.PartialObjectMetadata);
        var added = await watch.NextEventAsync();
        await DeleteAsync("meta-watched");
        var deleted = await watch.NextEventAsync();

        foreach (var watchEvent in new[] { added, deleted })
        {
            Assert.Equal("PartialObjectMetadata", watchEvent["object"]!["kind"]!.GetValue<string>());
            Assert.Equal("meta.k8s.io/v1", watchEvent["object"]!["apiVersion"]!.GetValue<string>());
            Assert.Equal("meta-watched", Name(watchEvent));
            Assert.Null(watchEvent["object"]!["spec"]);
        }

        Assert.Equal(["ADDED", "DELETED"], new[] { Type(added), Type(deleted) });
    }

    // Reading to the end fails when the server aborts the response instead of ending it.
    private async Task<string[]> ReadWholeStreamAsync(string pathAndQuery)
    {
        using var response = await server.Http.GetAsync(pathAndQuery, HttpCompletionOption.ResponseHeadersRead);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, server.Explain($"watch did not start: {WardleApi.Describe(response, text)}"));
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private JsonObject ParseEvent(string line, string[] lines)
    {
        JsonObject? watchEvent = null;
        try
        {
            watchEvent = JsonNode.Parse(line) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
        }

        Assert.True(watchEvent?["type"] is JsonValue && watchEvent["object"] is JsonObject,
            server.Explain($"expected one complete watch event per line, got: {line}\n--- stream ---\n{string.Join('\n', lines)}"));
        return watchEvent!;
    }
}

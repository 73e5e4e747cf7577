using System.Text.Json.Nodes;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Protocol;

/// <summary>limit/continue chunking (protocol §4.4).</summary>
[Collection(ProtocolCollection.Name)]
public sealed class PagingTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    private static string? Continue(JsonObject list) => list["metadata"]?["continue"]?.GetValue<string>() is { Length: > 0 } token ? token : null;

    [Fact]
    public async Task Limit_and_continue_return_every_object_once_at_one_resource_version()
    {
        var names = Enumerable.Range(1, 5).Select(i => $"page-{i}").ToList();
        foreach (var name in names)
        {
            await server.Api.CreateFlunderAsync(ns, name);
        }

        var seen = new List<string>();
        var versions = new HashSet<string>();
        var pageSizes = new List<int>();
        string? token = null;
        do
        {
            var page = await server.Api.GetAsync($"{WardleApi.Flunders(ns)}?limit=2" + (token is null ? "" : $"&continue={Uri.EscapeDataString(token)}"));
            var items = page["items"]!.AsArray();
            pageSizes.Add(items.Count);
            seen.AddRange(items.Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
            versions.Add(page["metadata"]!["resourceVersion"]!.GetValue<string>());
            token = Continue(page);
        }
        while (token is not null && pageSizes.Count < 10);

        Assert.Equal([2, 2, 1], pageSizes);
        Assert.Equal(names, seen.Order());
        Assert.True(versions.Count == 1, server.Explain($"every page must carry the first page's resourceVersion; got {string.Join(", ", versions)}"));
    }

    [Fact]
    public async Task Later_pages_come_from_the_first_pages_snapshot()
    {
        foreach (var name in new[] { "snap-1", "snap-2", "snap-3" })
        {
            await server.Api.CreateFlunderAsync(ns, name, "before");
        }

        var first = await server.Api.GetAsync($"{WardleApi.Flunders(ns)}?limit=1");
        Assert.Equal("snap-1", first["items"]![0]!["metadata"]!["name"]!.GetValue<string>());
        await server.Api.CreateFlunderAsync(ns, "snap-4", "new");
        using (var patch = await server.Api.SendAsync(HttpMethod.Patch, WardleApi.Flunder(ns, "snap-3"), """{"spec":{"reference":"after"}}""", "application/merge-patch+json"))
        {
            await server.Api.ExpectJsonAsync(patch, System.Net.HttpStatusCode.OK);
        }

        var rest = await server.Api.GetAsync($"{WardleApi.Flunders(ns)}?limit=10&continue={Uri.EscapeDataString(Continue(first)!)}");

        var items = rest["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Equal(["snap-2", "snap-3"], items.Select(i => i["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal("before", items[1]["spec"]!["reference"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_last_page_has_no_continue_token()
    {
        await server.Api.CreateFlunderAsync(ns, "only");

        var page = await server.Api.GetAsync($"{WardleApi.Flunders(ns)}?limit=5");

        Assert.Null(Continue(page));
        Assert.Single(page["items"]!.AsArray());
    }
}

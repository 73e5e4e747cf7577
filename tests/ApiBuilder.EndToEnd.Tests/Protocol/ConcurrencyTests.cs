using System.Net;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Protocol;

/// <summary>Parallel writers: every write lands, resourceVersions stay unique, and a watcher sees every change in order.</summary>
[Collection(ProtocolCollection.Name)]
public sealed class ConcurrencyTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    [Fact]
    public async Task Parallel_creates_and_patches_are_all_stored_and_watched_in_resource_version_order()
    {
        const int count = 40;
        var listRv = (await server.Api.GetAsync(WardleApi.Flunders(ns)))["metadata"]!["resourceVersion"]!.GetValue<string>();
        await using var watch = await WatchStream.OpenAsync(server, $"{WardleApi.Flunders(ns)}?watch=1&resourceVersion={listRv}&timeoutSeconds=60");

        var names = Enumerable.Range(0, count).Select(i => $"par-{i}").ToList();
        await Task.WhenAll(names.Select(name => server.Api.CreateFlunderAsync(ns, name)));
        await Task.WhenAll(names.Select(async name =>
        {
            using var response = await server.Api.SendAsync(HttpMethod.Patch, WardleApi.Flunder(ns, name), """{"spec":{"reference":"patched"}}""", "application/merge-patch+json");
            await server.Api.ExpectJsonAsync(response, HttpStatusCode.OK);
        }));

        var events = new List<(string Type, string Name, long Rv)>();
        for (var i = 0; i < 2 * count; i++)
        {
            var e = await watch.NextEventAsync();
            events.Add((e["type"]!.GetValue<string>(), e["object"]!["metadata"]!["name"]!.GetValue<string>(),
                long.Parse(e["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>())));
        }

        var rvs = events.Select(e => e.Rv).ToList();
        Assert.True(rvs.SequenceEqual(rvs.Order()) && rvs.Distinct().Count() == rvs.Count, watch.Describe("watch events must arrive in strictly increasing resourceVersion order"));
        Assert.Equal(names.Order(), events.Where(e => e.Type == "ADDED").Select(e => e.Name).Order());
        Assert.Equal(names.Order(), events.Where(e => e.Type == "MODIFIED").Select(e => e.Name).Order());
        Assert.All(names, name => Assert.True(
            events.FindIndex(e => e.Name == name && e.Type == "ADDED") < events.FindIndex(e => e.Name == name && e.Type == "MODIFIED"),
            $"{name}: ADDED must precede MODIFIED"));

        var list = await server.Api.GetAsync(WardleApi.Flunders(ns));
        var items = list["items"]!.AsArray();
        Assert.Equal(count, items.Count);
        Assert.All(items, i => Assert.Equal("patched", i!["spec"]!["reference"]!.GetValue<string>()));
        Assert.Equal(count, items.Select(i => i!["metadata"]!["resourceVersion"]!.GetValue<string>()).Distinct().Count());
    }
}

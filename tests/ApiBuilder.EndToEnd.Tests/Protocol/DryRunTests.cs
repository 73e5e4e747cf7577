using System.Net;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Protocol;

/// <summary>dryRun=All runs the request but persists nothing and emits no watch event (protocol §4.13).</summary>
[Collection(ProtocolCollection.Name)]
public sealed class DryRunTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    [Fact]
    public async Task Dry_run_create_answers_201_with_the_defaulted_object_but_stores_nothing()
    {
        var listRv = (await server.Api.GetAsync(WardleApi.Flunders(ns)))["metadata"]!["resourceVersion"]!.GetValue<string>();
        await using var watch = await WatchStream.OpenAsync(server, $"{WardleApi.Flunders(ns)}?watch=1&resourceVersion={listRv}&timeoutSeconds=30");

        using var response = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns) + "?dryRun=All", WardleApi.NewFlunder("dry", ns, "r").ToJsonString());

        var created = await server.Api.ExpectJsonAsync(response, HttpStatusCode.Created);
        Assert.Equal("dry", created["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("Flunder", created["spec"]!["referenceType"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, await server.Api.StatusOfGetAsync(WardleApi.Flunder(ns, "dry")));

        await server.Api.CreateFlunderAsync(ns, "real");
        var next = await watch.NextEventAsync();
        Assert.Equal("real", next["object"]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Dry_run_patch_returns_the_change_but_keeps_the_stored_object()
    {
        var before = await server.Api.CreateFlunderAsync(ns, "kept", "original");

        using var response = await server.Api.SendAsync(HttpMethod.Patch, WardleApi.Flunder(ns, "kept") + "?dryRun=All",
            """{"spec":{"reference":"changed"}}""", "application/merge-patch+json");

        var patched = await server.Api.ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("changed", patched["spec"]!["reference"]!.GetValue<string>());
        var after = await server.Api.GetAsync(WardleApi.Flunder(ns, "kept"));
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(before, after), server.Explain($"dry-run patch changed the stored object: {after.ToJsonString()}"));
    }

    [Fact]
    public async Task Dry_run_delete_keeps_the_object()
    {
        await server.Api.CreateFlunderAsync(ns, "survivor");

        using var response = await server.Api.SendAsync(HttpMethod.Delete, WardleApi.Flunder(ns, "survivor") + "?dryRun=All");

        await server.Api.ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, await server.Api.StatusOfGetAsync(WardleApi.Flunder(ns, "survivor")));
    }
}

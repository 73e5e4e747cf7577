using System.Net;
using System.Text;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.RawHttp;

/// <summary>Patches that are malformed, fail, are too big, or use a patch type this server does not accept.</summary>
[Collection(RawHttpCollection.Name)]
public sealed class PatchErrorTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    private async Task<(string Path, System.Text.Json.Nodes.JsonObject Before)> TargetAsync(string name)
    {
        var before = await server.Api.CreateFlunderAsync(ns, name, "original");
        return (WardleApi.Flunder(ns, name), before);
    }

    [Fact]
    public async Task A_malformed_json_patch_is_400()
    {
        var (path, before) = await TargetAsync("bad-json-patch");

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path, """[{"op":"replace","path":""", "application/json-patch+json");

        await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        await server.ShouldBeUnchangedAsync(path, before);
    }

    [Fact]
    public async Task A_malformed_merge_patch_is_400()
    {
        var (path, before) = await TargetAsync("bad-merge-patch");

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path, """{"spec":""", "application/merge-patch+json");

        await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        await server.ShouldBeUnchangedAsync(path, before);
    }

    [Fact]
    public async Task A_failing_json_patch_test_operation_is_422_and_applies_nothing()
    {
        var (path, before) = await TargetAsync("failing-test-op");

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path,
            """[{"op":"replace","path":"/spec/reference","value":"changed"},{"op":"test","path":"/spec/reference","value":"nope"}]""",
            "application/json-patch+json");

        await response.ShouldBeStatusAsync(server, HttpStatusCode.UnprocessableEntity, "Invalid");
        await server.ShouldBeUnchangedAsync(path, before);
    }

    [Fact]
    public async Task A_json_patch_with_more_than_10000_operations_is_413()
    {
        var (path, before) = await TargetAsync("many-ops");
        var patch = new StringBuilder("[");
        for (var i = 0; i <= 10_000; i++)
        {
            patch.Append(i == 0 ? "" : ",").Append("""{"op":"test","path":"/metadata/name","value":"many-ops"}""");
        }

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path, patch.Append(']').ToString(), "application/json-patch+json");

        await response.ShouldBeStatusAsync(server, HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge");
        await server.ShouldBeUnchangedAsync(path, before);
    }

    [Fact]
    public async Task A_cbor_server_side_apply_patch_is_415_listing_the_accepted_patch_types()
    {
        var (path, before) = await TargetAsync("ssa-cbor");

        using var response = await server.Api.SendBytesAsync(HttpMethod.Patch, path + "?fieldManager=test", [0xa0], "application/apply-patch+cbor");

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType");
        Assert.EndsWith("application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml", status.Message());
        await server.ShouldBeUnchangedAsync(path, before);
    }

    [Fact]
    public async Task A_patch_of_a_missing_object_is_404()
    {
        using var response = await server.Api.SendAsync(HttpMethod.Patch, WardleApi.Flunder(ns, "absent"), """{"spec":{"reference":"x"}}""", "application/merge-patch+json");

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.NotFound, "NotFound");
        Assert.Equal("flunders.wardle.example.com \"absent\" not found", status.Message());
        await server.ShouldNotExistAsync(WardleApi.Flunder(ns, "absent"));
    }
}

using System.Net;
using System.Text.Json.Nodes;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.RawHttp;

/// <summary><c>application/strategic-merge-patch+json</c> on the wire: merged by the schema's list types, rejected directives change nothing.</summary>
[Collection(RawHttpCollection.Name)]
public sealed class StrategicMergePatchTests(WardleServer server)
{
    private const string StrategicMergePatch = "application/strategic-merge-patch+json";

    private readonly string ns = Names.Namespace();

    private async Task<(string Path, JsonObject Before)> TargetAsync(string name)
    {
        var path = WardleApi.Flunder(ns, name);
        await server.Api.CreateFlunderAsync(ns, name, "original");
        using var response = await server.Api.SendAsync(HttpMethod.Patch, path,
            """{"spec":{"settings":[{"name":"a","value":"1"},{"name":"b","value":"2"}]}}""", "application/merge-patch+json");
        return (path, await server.Api.ExpectJsonAsync(response, HttpStatusCode.OK));
    }

    private static string Settings(JsonObject obj) => obj["spec"]!["settings"]!.ToJsonString();

    [Fact]
    public async Task A_list_of_type_map_merges_by_key_and_the_write_is_an_update_of_the_field_manager()
    {
        var (path, _) = await TargetAsync("merge-by-key");

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path + "?fieldManager=smp-test",
            """{"spec":{"settings":[{"name":"b","value":"22"},{"name":"c","value":"3"},{"name":"a","$patch":"delete"}]}}""", StrategicMergePatch);

        var patched = await server.Api.ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("""[{"name":"b","value":"22"},{"name":"c","value":"3"}]""", Settings(patched));
        Assert.Equal("original", patched["spec"]!["reference"]!.GetValue<string>());
        var entry = patched["metadata"]!["managedFields"]!.AsArray().Single(e => e!["manager"]!.GetValue<string>() == "smp-test")!;
        Assert.Equal("Update", entry["operation"]!.GetValue<string>());
        Assert.Equal(Settings(patched), Settings(await server.Api.GetAsync(path)));
    }

    [Fact]
    public async Task Metadata_follows_kubernetes_patch_strategies()
    {
        var (path, _) = await TargetAsync("metadata");

        using (var first = await server.Api.SendAsync(HttpMethod.Patch, path,
            """{"metadata":{"labels":{"a":"1"},"finalizers":["example.com/one"]}}""", StrategicMergePatch))
        {
            await server.Api.ExpectJsonAsync(first, HttpStatusCode.OK);
        }

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path,
            """{"metadata":{"labels":{"b":"2"},"finalizers":["example.com/two"],"$deleteFromPrimitiveList/finalizers":["example.com/one"]}}""", StrategicMergePatch);

        var metadata = (await server.Api.ExpectJsonAsync(response, HttpStatusCode.OK))["metadata"]!;
        Assert.Equal("""{"a":"1","b":"2"}""", metadata["labels"]!.ToJsonString());
        Assert.Equal("""["example.com/two"]""", metadata["finalizers"]!.ToJsonString());

        using var cleanup = await server.Api.SendAsync(HttpMethod.Patch, path, """{"metadata":{"finalizers":null}}""", StrategicMergePatch);
        await server.Api.ExpectJsonAsync(cleanup, HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_status_subresource_takes_a_strategic_merge_patch_of_status_only()
    {
        var (path, before) = await TargetAsync("status");

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path + "/status",
            """{"status":{"phase":"Ready"},"spec":{"reference":"ignored"}}""", StrategicMergePatch);

        var patched = await server.Api.ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("Ready", patched["status"]!["phase"]!.GetValue<string>());
        Assert.Equal("original", patched["spec"]!["reference"]!.GetValue<string>());
        Assert.Equal(Settings(before), Settings(patched));
    }

    [Fact]
    public async Task Dry_run_answers_the_merged_object_and_stores_nothing()
    {
        var (path, before) = await TargetAsync("dry-run");

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path + "?dryRun=All",
            """{"spec":{"settings":[{"name":"c","value":"3"}]}}""", StrategicMergePatch);

        var answered = await server.Api.ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("""[{"name":"c","value":"3"},{"name":"a","value":"1"},{"name":"b","value":"2"}]""", Settings(answered));
        await server.ShouldBeUnchangedAsync(path, before);
    }

    [Fact]
    public async Task Force_is_refused_as_for_every_patch_that_is_not_apply()
    {
        var (path, before) = await TargetAsync("force");

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path + "?force=true", """{"spec":{"reference":"x"}}""", StrategicMergePatch);

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.UnprocessableEntity, "Invalid");
        Assert.Contains("force", status.CauseFields());
        await server.ShouldBeUnchangedAsync(path, before);
    }

    [Theory]
    [InlineData("""{"spec":{"settings":[{"name":"a","$patch":"bogus"}]}}""", "unknown patch type: bogus in map: map[$patch:bogus name:a]")]
    [InlineData("""{"spec":{"$patch":"merge"}}""", "unknown patch type: merge in map: map[$patch:merge]")]
    [InlineData("""{"spec":{"settings":[{"value":"x"}]}}""", "map: map[value:x] does not contain declared merge key: name")]
    [InlineData("""{"spec":{"settings":[{"name":"a","$patch":"merge"}]}}""", "merging lists cannot yet be specified in the patch")]
    [InlineData("""{"spec":{"$retainKeys":["reference"],"settings":[]}}""", "invalid patch format of retainKeys")]
    [InlineData("""{"metadata":{"$setElementOrder":["x"]}}""", "invalid patch format of setElementOrder list")]
    [InlineData("""{"metadata":{"$deleteFromPrimitiveList":["x"]}}""", "invalid patch format of primitive list")]
    [InlineData("""[{"op":"add","path":"/spec/reference","value":"x"}]""", "json: cannot unmarshal array into Go value of type map[string]interface {}")]
    [InlineData("""{"spec":""", null)]
    public async Task A_malformed_patch_or_directive_is_400_and_changes_nothing(string patch, string? message)
    {
        var (path, before) = await TargetAsync("bad-" + Math.Abs(patch.GetHashCode(StringComparison.Ordinal)) % 100000);

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path, patch, StrategicMergePatch);

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        if (message is not null)
        {
            Assert.Equal(message, status.Message());
        }

        await server.ShouldBeUnchangedAsync(path, before);
    }

    [Fact]
    public async Task A_patch_that_makes_the_object_invalid_is_422_and_changes_nothing()
    {
        var (path, before) = await TargetAsync("invalid-result");

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path,
            $$$"""{"spec":{"settings":[{"name":"{{{new string('n', 64)}}}","value":"x"}]}}""", StrategicMergePatch);

        await response.ShouldBeStatusAsync(server, HttpStatusCode.UnprocessableEntity, "Invalid");
        await server.ShouldBeUnchangedAsync(path, before);
    }

    [Fact]
    public async Task A_json_null_is_an_empty_patch()
    {
        var (path, before) = await TargetAsync("null-patch");

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path, "null", StrategicMergePatch);

        var answered = await server.Api.ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(before["metadata"]!["resourceVersion"]!.GetValue<string>(), answered["metadata"]!["resourceVersion"]!.GetValue<string>());
    }
}

using System.Net;
using System.Text;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.RawHttp;

/// <summary>
/// Small requests that would expand into large or deeply nested data: JSON patch copies, patch
/// results over the size limit, deep patches and YAML alias bombs are refused with a Status, and
/// nothing is stored.
/// </summary>
[Collection(RawHttpCollection.Name)]
public sealed class ExpansionLimitTests(WardleServer server)
{
    private const int MaxBodyBytes = 3 * 1024 * 1024;
    private const string JsonPatch = "application/json-patch+json";
    private const string MergePatch = "application/merge-patch+json";
    private const string StrategicMergePatch = "application/strategic-merge-patch+json";

    private readonly string ns = Names.Namespace();

    private async Task<(string Path, System.Text.Json.Nodes.JsonObject Before)> TargetAsync(string name)
    {
        var before = await server.Api.CreateFlunderAsync(ns, name, "original");
        return (WardleApi.Flunder(ns, name), before);
    }

    [Fact]
    public async Task A_json_patch_of_doubling_copies_is_422_at_the_accumulated_copy_limit()
    {
        var (path, before) = await TargetAsync("doubling-copies");
        var patch = new StringBuilder("""[{"op":"add","path":"/spec/d","value":{"x":""" + '"' + new string('x', 1000) + "\"}}");
        for (var i = 0; i < 22; i++)
        {
            patch.Append($$""",{"op":"copy","from":"/spec/d","path":"/spec/d/c{{i}}"}""");
        }

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path, patch.Append(']').ToString(), JsonPatch);

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.UnprocessableEntity, "Invalid");
        Assert.Contains("Unable to complete the copy, the accumulated size increase of copy is", status.Message());
        Assert.Contains("exceeding the limit 3145728", status.Message());
        await server.ShouldBeUnchangedAsync(path, before);
    }

    [Fact]
    public async Task A_json_patch_whose_result_would_exceed_3_MiB_is_413()
    {
        var (path, before) = await TargetAsync("json-patch-grows");
        var big = new string('x', 2 * 1024 * 1024);
        var patch = $$"""[{"op":"add","path":"/spec/big","value":"{{big}}"},{"op":"copy","from":"/spec/big","path":"/spec/again"}]""";

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path, patch, JsonPatch);

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge");
        Assert.Contains("the patched object would be", status.Message());
        await server.ShouldBeUnchangedAsync(path, before);
    }

    [Fact]
    public async Task A_merge_patch_whose_result_would_exceed_3_MiB_is_413()
    {
        var (path, before) = await TargetAsync("merge-patch-grows");
        const string prefix = """{"spec":{"big":""";
        var patch = prefix + '"' + new string('x', MaxBodyBytes - prefix.Length - 4) + "\"}}";
        Assert.Equal(MaxBodyBytes, Encoding.UTF8.GetByteCount(patch));

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path, patch, MergePatch);

        await response.ShouldBeStatusAsync(server, HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge");
        await server.ShouldBeUnchangedAsync(path, before);
    }

    [Fact]
    public async Task A_strategic_merge_patch_whose_result_would_exceed_3_MiB_is_413()
    {
        var (path, before) = await TargetAsync("smp-grows");
        const string prefix = """{"spec":{"big":""";
        var patch = prefix + '"' + new string('x', MaxBodyBytes - prefix.Length - 4) + "\"}}";

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path, patch, StrategicMergePatch);

        await response.ShouldBeStatusAsync(server, HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge");
        await server.ShouldBeUnchangedAsync(path, before);
    }

    [Fact]
    public async Task A_strategic_merge_patch_over_the_body_limit_is_413()
    {
        var (path, before) = await TargetAsync("smp-too-big");
        const string prefix = """{"spec":{"big":""";
        var patch = prefix + '"' + new string('x', MaxBodyBytes) + "\"}}";

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path, patch, StrategicMergePatch);

        await response.ShouldBeStatusAsync(server, HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge");
        await server.ShouldBeUnchangedAsync(path, before);
    }

    [Fact]
    public async Task A_strategic_merge_patch_nested_deeper_than_256_levels_is_400()
    {
        var (path, before) = await TargetAsync("deep-smp");

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path, """{"spec":""" + Nested(300) + "}", StrategicMergePatch);

        await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        await server.ShouldBeUnchangedAsync(path, before);
    }

    [Fact]
    public async Task A_merge_patch_nested_deeper_than_256_levels_is_400()
    {
        var (path, before) = await TargetAsync("deep-merge-patch");

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path, """{"spec":""" + Nested(300) + "}", MergePatch);

        await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        await server.ShouldBeUnchangedAsync(path, before);
    }

    [Fact]
    public async Task A_json_patch_that_would_nest_the_object_deeper_than_256_levels_is_422()
    {
        var (path, before) = await TargetAsync("deep-json-patch");
        var deepPath = "/spec/deep" + string.Concat(Enumerable.Repeat("/a", 199));
        var patch = $$"""[{"op":"add","path":"/spec/deep","value":{{Nested(200)}}},{"op":"add","path":"{{deepPath}}","value":{{Nested(100)}}}]""";

        using var response = await server.Api.SendAsync(HttpMethod.Patch, path, patch, JsonPatch);

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.UnprocessableEntity, "Invalid");
        Assert.Contains("nested more than 256 levels", status.Message());
        await server.ShouldBeUnchangedAsync(path, before);
    }

    [Fact]
    public async Task A_yaml_billion_laughs_body_is_400_and_stores_nothing()
    {
        var yaml = new StringBuilder("apiVersion: wardle.example.com/v1alpha1\nkind: Flunder\nmetadata:\n  name: laughs\n");
        yaml.Append("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var level = 'b'; level <= 'i'; level++)
        {
            var previous = (char)(level - 1);
            yaml.Append($"{level}: &{level} [{string.Join(",", Enumerable.Repeat($"*{previous}", 9))}]\n");
        }

        await ShouldBeRefusedAsync(yaml.ToString(), "laughs", "excessive aliasing");
    }

    [Fact]
    public async Task A_yaml_body_aliasing_one_long_string_many_times_is_400_and_stores_nothing()
    {
        var yaml = new StringBuilder("apiVersion: wardle.example.com/v1alpha1\nkind: Flunder\nmetadata:\n  name: long-alias\n");
        yaml.Append("s: &s ").Append('x', 100_000).Append("\nl: [").AppendJoin(",", Enumerable.Repeat("*s", 10_000)).Append("]\n");

        await ShouldBeRefusedAsync(yaml.ToString(), "long-alias", "excessive aliasing");
    }

    [Fact]
    public async Task A_yaml_body_nested_deeper_than_256_levels_is_400_and_stores_nothing()
    {
        var yaml = "apiVersion: wardle.example.com/v1alpha1\nkind: Flunder\nmetadata:\n  name: deep-yaml\nspec: " + new string('[', 300) + new string(']', 300) + "\n";

        await ShouldBeRefusedAsync(yaml, "deep-yaml", "nesting deeper than 256 levels");
    }

    private async Task ShouldBeRefusedAsync(string yaml, string name, string reason)
    {
        using var response = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns), yaml, "application/yaml");

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Contains(reason, status.Message());
        await server.ShouldNotExistAsync(WardleApi.Flunder(ns, name));
    }

    // {"a":{"a":...{}}} with depth levels of objects.
    private static string Nested(int depth) =>
        string.Concat(Enumerable.Repeat("""{"a":""", depth - 1)) + "{}" + new string('}', depth - 1);
}

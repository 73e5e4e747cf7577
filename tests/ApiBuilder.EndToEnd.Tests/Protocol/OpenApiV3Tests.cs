using System.Net;
using System.Text.Json.Nodes;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Protocol;

/// <summary>OpenAPI v3 as kubectl explain and kubectl's validation use it (protocol §3.2–3.4).</summary>
[Collection(ProtocolCollection.Name)]
public sealed class OpenApiV3Tests(WardleServer server)
{
    private const string GroupVersionKey = "apis/wardle.example.com/v1alpha1";

    private async Task<string> DocumentUrlAsync()
    {
        var index = await server.Api.GetAsync("/openapi/v3");
        var url = index["paths"]?[GroupVersionKey]?["serverRelativeURL"]?.GetValue<string>();
        Assert.True(url is not null && url.StartsWith($"/openapi/v3/{GroupVersionKey}?hash=", StringComparison.Ordinal),
            server.Explain($"expected index key {GroupVersionKey} with a hashed serverRelativeURL; got {index.ToJsonString()}"));
        return url!;
    }

    private async Task<JsonObject> DocumentAsync() => await server.Api.GetAsync(await DocumentUrlAsync());

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(op => op.Key is "get" or "put" or "post" or "patch" or "delete")
            .Select(op => (path.Key, op.Key, op.Value!.AsObject())));

    [Fact]
    public async Task Index_links_to_a_hashed_document_served_immutable()
    {
        var url = await DocumentUrlAsync();

        using var response = await server.Api.SendAsync(HttpMethod.Get, url);

        var document = await server.Api.ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.StartsWith("3.", document["openapi"]!.GetValue<string>());
        var cacheControl = response.Headers.CacheControl;
        Assert.True(cacheControl is { Public: true } && cacheControl.Extensions.Any(e => e.Name == "immutable"),
            server.Explain($"expected Cache-Control: public, immutable; got {cacheControl}"));
        Assert.NotNull(response.Headers.ETag);
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Fact]
    public async Task A_stale_hash_redirects_301_to_the_current_hash()
    {
        var url = await DocumentUrlAsync();

        using var response = await server.Api.SendAsync(HttpMethod.Get, $"/openapi/v3/{GroupVersionKey}?hash=0123456789ABCDEF");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.MovedPermanently, server.Explain($"expected 301; got {WardleApi.Describe(response, body)}"));
        var location = response.Headers.Location;
        Assert.True(location is not null && (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString) == url,
            server.Explain($"expected Location {url}; got {location}"));
    }

    [Fact]
    public async Task The_document_without_a_hash_is_not_cached_as_immutable()
    {
        using var response = await server.Api.SendAsync(HttpMethod.Get, $"/openapi/v3/{GroupVersionKey}");

        await server.Api.ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.False(response.Headers.CacheControl?.Extensions.Any(e => e.Name == "immutable") ?? false,
            server.Explain($"an unhashed URL must not be immutable; got {response.Headers.CacheControl}"));
    }

    [Fact]
    public async Task Every_patch_operation_declares_fieldValidation_and_strategic_merge_patch()
    {
        var document = await DocumentAsync();

        var patches = Operations(document).Where(o => o.Method == "patch").ToList();
        Assert.True(patches.Count >= 3, server.Explain($"expected PATCH on flunders, flunders/status and fischers; found {patches.Count}"));
        Assert.Contains(patches, p => p.Path.EndsWith("/flunders/{name}/status", StringComparison.Ordinal));
        foreach (var (path, _, operation) in patches)
        {
            var parameters = operation["parameters"]?.AsArray().Select(p => p!["name"]?.GetValue<string>() ?? p!["$ref"]?.GetValue<string>() ?? "").ToList() ?? [];
            Assert.True(parameters.Any(p => p == "fieldValidation" || p.EndsWith("/fieldValidation", StringComparison.Ordinal)),
                server.Explain($"PATCH {path} does not declare the fieldValidation query parameter: [{string.Join(", ", parameters)}]"));

            var mediaTypes = operation["requestBody"]?["content"]?.AsObject().Select(c => c.Key).ToList() ?? [];
            Assert.Contains("application/strategic-merge-patch+json", mediaTypes);
            Assert.Contains("application/merge-patch+json", mediaTypes);
            Assert.Contains("application/json-patch+json", mediaTypes);
            if (!path.EndsWith("/scale", StringComparison.Ordinal))
            {
                Assert.Contains("application/apply-patch+yaml", mediaTypes);
            }

            Assert.Equal("patch", operation["x-kubernetes-action"]?.GetValue<string>());
            Assert.True(operation["x-kubernetes-group-version-kind"] is JsonObject, server.Explain($"PATCH {path}: x-kubernetes-group-version-kind must be an object"));
        }
    }

    [Fact]
    public async Task A_list_of_type_map_publishes_the_patch_strategy_and_merge_key_kubectl_reads()
    {
        var document = await DocumentAsync();

        var flunder = document["components"]!["schemas"]!.AsObject()
            .Single(s => s.Value?["x-kubernetes-group-version-kind"] is JsonArray gvks && gvks.Any(g => g?["kind"]?.GetValue<string>() == "Flunder")).Value!;
        var spec = flunder["properties"]!["spec"]!;
        var specSchema = spec["properties"] is null
            ? document["components"]!["schemas"]![spec["allOf"]![0]!["$ref"]!.GetValue<string>()["#/components/schemas/".Length..]]!
            : spec;
        var settings = specSchema["properties"]!["settings"]!;
        Assert.Equal("map", settings["x-kubernetes-list-type"]?.GetValue<string>());
        Assert.Equal("merge", settings["x-kubernetes-patch-strategy"]?.GetValue<string>());
        Assert.Equal("name", settings["x-kubernetes-patch-merge-key"]?.GetValue<string>());
    }

    [Fact]
    public async Task Kind_schemas_carry_their_group_version_kind_as_an_array()
    {
        var document = await DocumentAsync();

        var schemas = document["components"]!["schemas"]!.AsObject();
        foreach (var kind in new[] { "Flunder", "FlunderList", "Fischer", "FischerList" })
        {
            Assert.True(schemas.Any(s => s.Value?["x-kubernetes-group-version-kind"] is JsonArray gvks
                    && gvks.Any(g => g?["group"]?.GetValue<string>() == "wardle.example.com" && g["version"]?.GetValue<string>() == "v1alpha1" && g["kind"]?.GetValue<string>() == kind)),
                server.Explain($"no schema carries x-kubernetes-group-version-kind [{{wardle.example.com, v1alpha1, {kind}}}]"));
        }
    }
}

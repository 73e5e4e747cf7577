using System.Net;
using System.Text.Json.Nodes;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Protocol;

/// <summary>Discovery as the aggregator and client-go fetch it (protocol §2).</summary>
[Collection(ProtocolCollection.Name)]
public sealed class DiscoveryTests(WardleServer server)
{
    private static JsonObject Resource(JsonObject list, string name) =>
        list["resources"]!.AsArray().Select(r => r!.AsObject()).Single(r => r["name"]!.GetValue<string>() == name);

    private static string[] Strings(JsonNode? array) => array?.AsArray().Select(n => n!.GetValue<string>()).ToArray() ?? [];

    [Fact]
    public async Task Group_version_resource_list_answers_200_without_an_Accept_header()
    {
        using var response = await server.Api.SendAsync(HttpMethod.Get, WardleApi.Root);
        Assert.False(response.RequestMessage!.Headers.Contains("Accept"));

        var list = await server.Api.ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("APIResourceList", list["kind"]!.GetValue<string>());
        Assert.Equal("v1", list["apiVersion"]!.GetValue<string>());
        Assert.Equal("wardle.example.com/v1alpha1", list["groupVersion"]!.GetValue<string>());

        var flunders = Resource(list, "flunders");
        Assert.Equal("flunder", flunders["singularName"]!.GetValue<string>());
        Assert.True(flunders["namespaced"]!.GetValue<bool>());
        Assert.Equal("Flunder", flunders["kind"]!.GetValue<string>());
        Assert.Equal(["fl"], Strings(flunders["shortNames"]));
        Assert.Equal(["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"], Strings(flunders["verbs"]));

        var status = Resource(list, "flunders/status");
        Assert.Equal("Flunder", status["kind"]!.GetValue<string>());
        Assert.Equal(["get", "patch", "update"], Strings(status["verbs"]));

        var fischers = Resource(list, "fischers");
        Assert.False(fischers["namespaced"]!.GetValue<bool>());
        Assert.Equal(["fi"], Strings(fischers["shortNames"]));
    }

    [Fact]
    public async Task Legacy_core_api_is_404()
    {
        using var response = await server.Api.SendAsync(HttpMethod.Get, "/api", accept: "application/json");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, server.Explain($"expected 404 on /api; got {WardleApi.Describe(response, body)}"));
    }

    [Theory]
    [InlineData(MediaTypes.DiscoveryV2, MediaTypes.DiscoveryV2, "apidiscovery.k8s.io/v2")]
    [InlineData(MediaTypes.DiscoveryV2Beta1 + ",application/json", MediaTypes.DiscoveryV2Beta1, "apidiscovery.k8s.io/v2beta1")]
    [InlineData(MediaTypes.KubectlDiscovery, MediaTypes.DiscoveryV2, "apidiscovery.k8s.io/v2")]
    [InlineData("application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList," + MediaTypes.DiscoveryV2, MediaTypes.DiscoveryV2, "apidiscovery.k8s.io/v2")]
    public async Task Aggregated_discovery_is_negotiated_strictly(string accept, string expectedContentType, string expectedApiVersion)
    {
        using var response = await server.Api.SendAsync(HttpMethod.Get, "/apis", accept: accept);

        var document = await server.Api.ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.True(MediaTypes.SameMediaType(WardleApi.ContentType(response), expectedContentType),
            server.Explain($"expected Content-Type {expectedContentType}; got {WardleApi.ContentType(response)}"));
        Assert.Equal("APIGroupDiscoveryList", document["kind"]!.GetValue<string>());
        Assert.Equal(expectedApiVersion, document["apiVersion"]!.GetValue<string>());

        var group = document["items"]!.AsArray().Single(g => g!["metadata"]!["name"]!.GetValue<string>() == "wardle.example.com")!;
        // Preferred version first: Flunder is served in v1beta1 and v1alpha1, Fischer in v1alpha1 only.
        Assert.Equal(["v1beta1", "v1alpha1"], group["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<string>()));
        Assert.Equal(["flunders"], group["versions"]![0]!["resources"]!.AsArray().Select(r => r!["resource"]!.GetValue<string>()));
        var version = group["versions"]![1]!;
        var flunders = version["resources"]!.AsArray().Single(r => r!["resource"]!.GetValue<string>() == "flunders")!;
        Assert.Equal("Flunder", flunders["responseKind"]!["kind"]!.GetValue<string>());
        Assert.Equal("Namespaced", flunders["scope"]!.GetValue<string>());
        Assert.Equal("flunder", flunders["singularResource"]!.GetValue<string>());
        var status = flunders["subresources"]!.AsArray().Single(s => s!["subresource"]!.GetValue<string>() == "status")!;
        Assert.Equal("Flunder", status["responseKind"]!["kind"]!.GetValue<string>());
        var fischers = version["resources"]!.AsArray().Single(r => r!["resource"]!.GetValue<string>() == "fischers")!;
        Assert.Equal("Cluster", fischers["scope"]!.GetValue<string>());
    }

    [Fact]
    public async Task Plain_json_accept_gets_the_legacy_APIGroupList()
    {
        using var response = await server.Api.SendAsync(HttpMethod.Get, "/apis", accept: "application/json");

        var list = await server.Api.ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("APIGroupList", list["kind"]!.GetValue<string>());
        Assert.Equal("application/json", WardleApi.ContentType(response)?.MediaType);
        Assert.DoesNotContain(WardleApi.ContentType(response)!.Parameters, p => p.Name is "g" or "v" or "as");
        var group = list["groups"]!.AsArray().Single(g => g!["name"]!.GetValue<string>() == "wardle.example.com")!;
        Assert.Equal("wardle.example.com/v1beta1", group["preferredVersion"]!["groupVersion"]!.GetValue<string>());
        Assert.Equal(["wardle.example.com/v1beta1", "wardle.example.com/v1alpha1"], group["versions"]!.AsArray().Select(v => v!["groupVersion"]!.GetValue<string>()));
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Fact]
    public async Task Aggregated_discovery_has_an_etag_honours_if_none_match_and_varies_on_accept()
    {
        using var first = await server.Api.SendAsync(HttpMethod.Get, "/apis", accept: MediaTypes.DiscoveryV2);
        await server.Api.ExpectJsonAsync(first, HttpStatusCode.OK);
        var etag = first.Headers.ETag;
        Assert.True(etag is { IsWeak: false } && etag.Tag.Length > 2, server.Explain("expected a strong quoted ETag on /apis"));
        Assert.Contains("Accept", first.Headers.Vary);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/apis");
        request.Headers.TryAddWithoutValidation("Accept", MediaTypes.DiscoveryV2);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag!.Tag);
        using var second = await server.Http.SendAsync(request);
        var body = await second.Content.ReadAsStringAsync();

        Assert.True(second.StatusCode == HttpStatusCode.NotModified && body.Length == 0,
            server.Explain($"expected 304 with no body; got {WardleApi.Describe(second, body)}"));
    }

    [Fact]
    public async Task Group_document_names_the_preferred_version()
    {
        var group = await server.Api.GetAsync("/apis/wardle.example.com", accept: "application/json");

        Assert.Equal("APIGroup", group["kind"]!.GetValue<string>());
        Assert.Equal("wardle.example.com", group["name"]!.GetValue<string>());
        Assert.Equal("v1beta1", group["preferredVersion"]!["version"]!.GetValue<string>());
    }
}

using System.Net;
using System.Text.Json.Nodes;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.RawHttp;

/// <summary>Bodies that cannot be decoded or do not belong at the URL: rejected with a Status, nothing stored.</summary>
[Collection(RawHttpCollection.Name)]
public sealed class RequestBodyErrorTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    [Fact]
    public async Task Malformed_json_is_400_BadRequest()
    {
        using var response = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns), """{"apiVersion":""");

        await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        await server.ShouldHoldNoFlundersAsync(ns);
    }

    [Fact]
    public async Task Malformed_yaml_is_400_BadRequest()
    {
        const string yaml = "apiVersion: wardle.example.com/v1alpha1\nkind: Flunder\nmetadata:\n  name: [unclosed\n  labels: {a: b\n";

        using var response = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns), yaml, "application/yaml");

        await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        await server.ShouldHoldNoFlundersAsync(ns);
    }

    [Fact]
    public async Task Well_formed_yaml_is_accepted()
    {
        const string yaml = "apiVersion: wardle.example.com/v1alpha1\nkind: Flunder\nmetadata:\n  name: from-yaml\nspec:\n  reference: yamlref\n";

        using var response = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns), yaml, "application/yaml");

        var created = await server.Api.ExpectJsonAsync(response, HttpStatusCode.Created);
        Assert.Equal("yamlref", created["spec"]!["reference"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_body_of_another_kind_is_400()
    {
        var body = WardleApi.NewFlunder("wrong-kind", ns, "r");
        body["kind"] = "Fischer";

        using var response = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns), body.ToJsonString());

        await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        await server.ShouldHoldNoFlundersAsync(ns);
        await server.ShouldNotExistAsync(WardleApi.Fischer("wrong-kind"));
    }

    [Theory]
    [InlineData("apiVersion", "5")]
    [InlineData("kind", "{}")]
    [InlineData("apiVersion", "[\"wardle.example.com/v1alpha1\"]")]
    public async Task Type_meta_that_is_not_a_string_is_400(string field, string json)
    {
        var body = WardleApi.NewFlunder("typed-meta", ns, "r");
        body[field] = JsonNode.Parse(json);

        using var response = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns), body.ToJsonString());

        await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        await server.ShouldHoldNoFlundersAsync(ns);
    }

    [Fact]
    public async Task A_body_of_another_api_version_is_400()
    {
        var body = WardleApi.NewFlunder("wrong-version", ns, "r");
        body["apiVersion"] = "wardle.example.com/v2";

        using var response = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns), body.ToJsonString());

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Contains("wardle.example.com/v2", status.Message());
        await server.ShouldHoldNoFlundersAsync(ns);
    }

    [Fact]
    public async Task A_body_namespace_other_than_the_url_namespace_is_400()
    {
        var other = Names.Namespace();
        using var response = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns),
            WardleApi.NewFlunder("elsewhere", other, "r").ToJsonString());

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Contains("does not match the namespace", status.Message());
        await server.ShouldHoldNoFlundersAsync(ns);
        await server.ShouldHoldNoFlundersAsync(other);
    }

    [Fact]
    public async Task A_put_whose_body_names_another_object_is_400()
    {
        var original = await server.Api.CreateFlunderAsync(ns, "put-target");
        var body = original.DeepClone().AsObject();
        body["metadata"]!["name"] = "put-other";
        body["spec"]!["reference"] = "changed";

        using var response = await server.Api.SendAsync(HttpMethod.Put, WardleApi.Flunder(ns, "put-target"), body.ToJsonString());

        await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        await server.ShouldBeUnchangedAsync(WardleApi.Flunder(ns, "put-target"), original);
        await server.ShouldNotExistAsync(WardleApi.Flunder(ns, "put-other"));
    }

    [Fact]
    public async Task A_body_over_3_MiB_is_413_RequestEntityTooLarge()
    {
        var body = WardleApi.NewFlunder("huge", ns, "r");
        body["metadata"]!["annotations"] = new JsonObject { ["example.com/blob"] = new string('x', (3 * 1024 * 1024) + 512 * 1024) };

        using var response = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns), body.ToJsonString());

        await response.ShouldBeStatusAsync(server, HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge");
        await server.ShouldHoldNoFlundersAsync(ns);
    }

    [Fact]
    public async Task An_unknown_content_type_is_415_UnsupportedMediaType()
    {
        using var response = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns),
            WardleApi.NewFlunder("plain", ns, "r").ToJsonString(), "text/plain");

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType");
        Assert.Contains("application/json", status.Message());
        await server.ShouldHoldNoFlundersAsync(ns);
    }
}

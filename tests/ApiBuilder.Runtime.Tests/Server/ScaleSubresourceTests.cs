using System.Net;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Resources;

namespace ApiBuilder.Runtime.Tests.Server;

public sealed class ScaleSubresourceTests
{
    private static readonly ResourceDefinition Pool = new()
    {
        Group = "test.example.com",
        Version = "v1",
        Kind = "Pool",
        Plural = "pools",
        HasStatusSubresource = true,
        Scale = new ScaleSubresource(".spec.replicas", ".status.replicas", ".status.selector"),
        Schema = (JsonObject)JsonNode.Parse("""
            {"type":"object","properties":{
              "spec":{"type":"object","properties":{"replicas":{"type":"integer"},"image":{"type":"string"}}},
              "status":{"type":"object","properties":{"replicas":{"type":"integer"},"selector":{"type":"string"}}}}}
            """)!,
    };

    [Fact]
    public async Task Scale_reads_and_writes_the_replica_fields()
    {
        await using var server = await InProcessServer.StartAsync(Pool);
        var (created, _) = await server.SendAsync(HttpMethod.Post, "/apis/test.example.com/v1/namespaces/ns/pools",
            """{"apiVersion":"test.example.com/v1","kind":"Pool","metadata":{"name":"p"},"spec":{"replicas":2,"image":"x"}}""");
        Assert.Equal(HttpStatusCode.Created, created);
        await server.SendAsync(HttpMethod.Patch, "/apis/test.example.com/v1/namespaces/ns/pools/p/status",
            """{"status":{"replicas":2,"selector":"app=p"}}""", "application/merge-patch+json");

        var (code, scale) = await server.SendAsync(HttpMethod.Get, "/apis/test.example.com/v1/namespaces/ns/pools/p/scale");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("Scale", scale["kind"]!.GetValue<string>());
        Assert.Equal("autoscaling/v1", scale["apiVersion"]!.GetValue<string>());
        Assert.Equal(2, scale["spec"]!["replicas"]!.GetValue<long>());
        Assert.Equal("app=p", scale["status"]!["selector"]!.GetValue<string>());

        var (patched, after) = await server.SendAsync(HttpMethod.Patch, "/apis/test.example.com/v1/namespaces/ns/pools/p/scale",
            """{"spec":{"replicas":5}}""", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, patched);
        Assert.Equal(5, after["spec"]!["replicas"]!.GetValue<long>());
        var (_, pool) = await server.SendAsync(HttpMethod.Get, "/apis/test.example.com/v1/namespaces/ns/pools/p");
        Assert.Equal(5, pool["spec"]!["replicas"]!.GetValue<long>());
        Assert.Equal("x", pool["spec"]!["image"]!.GetValue<string>());
        Assert.Equal(2, pool["metadata"]!["generation"]!.GetValue<long>());

        var (negative, status) = await server.SendAsync(HttpMethod.Patch, "/apis/test.example.com/v1/namespaces/ns/pools/p/scale",
            """{"spec":{"replicas":-1}}""", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, negative);
        Assert.Equal("Invalid", status["reason"]!.GetValue<string>());

        var (stale, conflict) = await server.SendAsync(HttpMethod.Put, "/apis/test.example.com/v1/namespaces/ns/pools/p/scale",
            """{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"p","namespace":"ns","resourceVersion":"1"},"spec":{"replicas":3}}""");
        Assert.Equal(HttpStatusCode.Conflict, stale);
        Assert.Equal("Conflict", conflict["reason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("PATCH", "application/merge-patch+json", """{"spec":{"replicas":3},"metadata":{"annotations":{"a":"\ud800"}}}""")]
    [InlineData("PATCH", "application/json-patch+json", """[{"op":"add","path":"/metadata/annotations","value":{"a":"\ud800"}},{"op":"replace","path":"/spec/replicas","value":3}]""")]
    [InlineData("PUT", "application/json", """{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"p","namespace":"ns","annotations":{"a":"\udc00"}},"spec":{"replicas":3}}""")]
    public async Task Scale_bodies_with_a_lone_surrogate_escape_are_400_and_change_nothing(string method, string contentType, string body)
    {
        await using var server = await InProcessServer.StartAsync(Pool);
        var (created, before) = await server.SendAsync(HttpMethod.Post, "/apis/test.example.com/v1/namespaces/ns/pools",
            """{"apiVersion":"test.example.com/v1","kind":"Pool","metadata":{"name":"p"},"spec":{"replicas":2}}""");
        Assert.Equal(HttpStatusCode.Created, created);

        var (code, status) = await server.SendAsync(new HttpMethod(method), "/apis/test.example.com/v1/namespaces/ns/pools/p/scale", body, contentType);

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("BadRequest", status["reason"]!.GetValue<string>());
        var (_, after) = await server.SendAsync(HttpMethod.Get, "/apis/test.example.com/v1/namespaces/ns/pools/p");
        Assert.True(JsonNode.DeepEquals(before, after), after.ToJsonString());
    }

    [Fact]
    public async Task Scale_patch_errors_get_the_same_statuses_as_object_patches()
    {
        await using var server = await InProcessServer.StartAsync(Pool);
        await server.SendAsync(HttpMethod.Post, "/apis/test.example.com/v1/namespaces/ns/pools",
            """{"apiVersion":"test.example.com/v1","kind":"Pool","metadata":{"name":"p"},"spec":{"replicas":2}}""");
        var tooMany = "[" + string.Join(",", Enumerable.Repeat("""{"op":"test","path":"/spec/replicas","value":2}""", 10_001)) + "]";
        var doubling = """[{"op":"add","path":"/d","value":{"x":""}}""" + string.Concat(Enumerable.Range(0, 40).Select(i => $$""",{"op":"copy","from":"/d","path":"/d/c{{i}}"}""")) + "]";

        var (manyCode, many) = await server.SendAsync(HttpMethod.Patch, "/apis/test.example.com/v1/namespaces/ns/pools/p/scale", tooMany, "application/json-patch+json");
        var (copyCode, copies) = await server.SendAsync(HttpMethod.Patch, "/apis/test.example.com/v1/namespaces/ns/pools/p/scale", doubling, "application/json-patch+json");

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge"), (manyCode, many["reason"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "Invalid"), (copyCode, copies["reason"]!.GetValue<string>()));
        Assert.Contains("accumulated size increase of copy", copies["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}

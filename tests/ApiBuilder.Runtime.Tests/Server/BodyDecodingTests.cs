using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Rest;

using ApiBuilder.Runtime.Tests.Registry;

namespace ApiBuilder.Runtime.Tests.Server;

/// <summary>
/// No handler turns a body it cannot decode into a 500: a custom subresource that decodes its
/// body further with System.Text.Json, and meets bytes that are not UTF-8 or a value of another
/// type, gets the decoder's exception answered as 400 BadRequest. The same exceptions without a
/// request body can only come from the server's own data and stay 500.
/// </summary>
public sealed class BodyDecodingTests
{
    private const string Parent = "/apis/test.example.com/v1/namespaces/ns/notes/n";

    private static readonly ResourceDefinition Note = TestResources.Note();

    private sealed record Order(int Count);

    private static readonly JsonSerializerOptions OrderJson = new() { PropertyNameCaseInsensitive = true };

    /// <summary>POST notes/n/order: decodes the raw body as an Order, and reads a field of the decoded object as a number.</summary>
    private static readonly SubresourceDefinition OrderSubresource = new()
    {
        Name = "order",
        Kind = "NoteOrder",
        Create = async request =>
        {
            var body = await request.ReadBodyAsync();
            var order = body.Deserialize<Order>(OrderJson)!;
            var extra = body["extra"] is { } e ? e.GetValue<long>() : 0;
            await request.WriteObjectAsync(new JsonObject { ["apiVersion"] = "test.example.com/v1", ["kind"] = "NoteOrder", ["count"] = order.Count + extra }, 201);
        },
    };

    /// <summary>GET notes/n/broken: fails decoding data of its own, as corrupt stored data would.</summary>
    private static readonly SubresourceDefinition BrokenSubresource = new()
    {
        Name = "broken",
        Get = _ => throw new JsonException("stored data is not JSON"),
    };

    [Theory]
    [InlineData("""{"count":"three"}""")]
    [InlineData("""{"count":1e400}""")]
    [InlineData("""{"count":1,"extra":"x"}""")]
    [InlineData("""{"count":1,"extra":[1]}""")]
    public async Task A_body_a_handler_cannot_decode_is_400_not_500(string body)
    {
        await using var server = await StartAsync();

        var (code, status) = await server.SendAsync(HttpMethod.Post, Parent + "/order", body);

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("BadRequest", status["reason"]?.GetValue<string>());
        Assert.Equal("Status", status["kind"]?.GetValue<string>());
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_are_400_not_500()
    {
        await using var server = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, Parent + "/order")
        {
            Content = new ByteArrayContent([.. Encoding.ASCII.GetBytes("{\"count\":1,\"x\":\""), 0xff, .. Encoding.ASCII.GetBytes("\"}")]),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_body_the_handler_decodes_is_served()
    {
        await using var server = await StartAsync();

        var (code, answer) = await server.SendAsync(HttpMethod.Post, Parent + "/order", """{"count":2,"extra":1}""");

        Assert.True(code == HttpStatusCode.Created, answer.ToJsonString());
        Assert.Equal(3, answer["count"]?.GetValue<long>());
    }

    [Fact]
    public async Task A_decoding_failure_without_a_request_body_stays_500()
    {
        await using var server = await StartAsync();

        var (code, status) = await server.SendAsync(HttpMethod.Get, Parent + "/broken");

        Assert.Equal(HttpStatusCode.InternalServerError, code);
        Assert.Equal("InternalError", status["reason"]?.GetValue<string>());
    }

    private static async Task<InProcessServer> StartAsync()
    {
        var server = await InProcessServer.StartAsync(
            b => b.AddSubresource(Note, OrderSubresource).AddSubresource(Note, BrokenSubresource), Note);
        var (code, _) = await server.SendAsync(HttpMethod.Post, "/apis/test.example.com/v1/namespaces/ns/notes",
            """{"apiVersion":"test.example.com/v1","kind":"Note","metadata":{"name":"n"},"spec":{"text":"t"}}""");
        Assert.Equal(HttpStatusCode.Created, code);
        return server;
    }
}

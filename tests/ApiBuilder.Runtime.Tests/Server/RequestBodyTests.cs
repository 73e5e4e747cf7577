using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Resources;

using ApiBuilder.Runtime.Tests.Registry;

namespace ApiBuilder.Runtime.Tests.Server;

/// <summary>Object bodies are read whole with or without a Content-Length, up to kube-apiserver's 3 MiB.</summary>
public sealed class RequestBodyTests
{
    private const string Collection = "/apis/test.example.com/v1/namespaces/ns/notes";

    private static readonly ResourceDefinition Note = TestResources.Note();

    private static string Body(string name, int textLength) =>
        "{\"apiVersion\":\"test.example.com/v1\",\"kind\":\"Note\",\"metadata\":{\"name\":\"" + name +
        "\"},\"spec\":{\"text\":\"" + new string('x', textLength) + "\"}}";

    [Theory]
    [InlineData(true, 10)]
    [InlineData(false, 10)]
    [InlineData(true, 200_000)]
    [InlineData(false, 200_000)]
    public async Task A_body_is_read_whole_with_or_without_a_content_length(bool contentLength, int textLength)
    {
        await using var server = await InProcessServer.StartAsync(Note);
        var name = $"n-{contentLength}-{textLength}".ToLowerInvariant();

        using var response = await server.Client.SendAsync(Post(Body(name, textLength), contentLength));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(textLength, created["spec"]!["text"]!.GetValue<string>().Length);
        Assert.Equal(name, created["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_chunked_body_over_3_MiB_is_413()
    {
        await using var server = await InProcessServer.StartAsync(Note);

        using var response = await server.Client.SendAsync(Post(Body("big", 3 * 1024 * 1024), contentLength: false));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("RequestEntityTooLarge", status["reason"]!.GetValue<string>());
    }

    private static HttpRequestMessage Post(string body, bool contentLength)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        HttpContent content = contentLength ? new ByteArrayContent(bytes) : new UnknownLengthContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, Collection) { Content = content };
    }

    // Content whose length is not known up front, so that HttpClient sends it chunked.
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < bytes.Length; offset += 7000)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(7000, bytes.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

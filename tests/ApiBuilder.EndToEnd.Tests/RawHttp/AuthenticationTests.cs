using System.Net;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.RawHttp;

/// <summary>Without a client certificate (and anonymous auth off), API requests are 401 but health probes still answer.</summary>
[Collection(RawHttpCollection.Name)]
public sealed class AuthenticationTests(WardleServer server)
{
    [Fact]
    public async Task A_request_without_a_client_certificate_is_401_Unauthorized()
    {
        using var anonymous = server.CreateAnonymousHttpClient();

        using var response = await anonymous.GetAsync(WardleApi.Flunders("default"));
        await response.Content.LoadIntoBufferAsync();

        await response.ShouldBeStatusAsync(server, HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/livez")]
    public async Task Health_endpoints_answer_without_a_client_certificate(string path)
    {
        using var anonymous = server.CreateAnonymousHttpClient();

        using var response = await anonymous.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK && body == "ok", server.Explain($"expected 200 ok; got {WardleApi.Describe(response, body)}"));
    }
}

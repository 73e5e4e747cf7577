using System.Net;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.RawHttp;

/// <summary>URLs, methods and Accept values the server does not serve.</summary>
[Collection(RawHttpCollection.Name)]
public sealed class RoutingAndNegotiationErrorTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    [Fact]
    public async Task Accept_application_xml_is_406_NotAcceptable()
    {
        await server.Api.CreateFlunderAsync(ns, "xml");

        using var response = await server.Api.SendAsync(HttpMethod.Get, WardleApi.Flunder(ns, "xml"), accept: "application/xml");

        await response.ShouldBeStatusAsync(server, HttpStatusCode.NotAcceptable, "NotAcceptable");
    }

    [Fact]
    public async Task An_unknown_resource_is_404_NotFound()
    {
        using var response = await server.Api.SendAsync(HttpMethod.Get, $"{WardleApi.Root}/namespaces/{ns}/widgets");

        await response.ShouldBeStatusAsync(server, HttpStatusCode.NotFound, "NotFound");
    }

    [Theory]
    [InlineData("/apis/wardle.example.com/v9/fischers")]
    [InlineData("/apis/nope.example.com/v1/things")]
    [InlineData("/apis/wardle.example.com/v9")]
    public async Task An_unknown_group_or_version_is_404_NotFound(string path)
    {
        using var response = await server.Api.SendAsync(HttpMethod.Get, path);

        await response.ShouldBeStatusAsync(server, HttpStatusCode.NotFound, "NotFound");
    }

    [Fact]
    public async Task Post_to_a_named_object_is_405_MethodNotAllowed()
    {
        var before = await server.Api.CreateFlunderAsync(ns, "named");

        using var response = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunder(ns, "named"), WardleApi.NewFlunder("named", ns, "x").ToJsonString());

        await response.ShouldBeStatusAsync(server, HttpStatusCode.MethodNotAllowed, "MethodNotAllowed");
        await server.ShouldBeUnchangedAsync(WardleApi.Flunder(ns, "named"), before);
    }

    [Fact]
    public async Task Get_of_a_missing_object_is_404_with_the_k8s_message()
    {
        using var response = await server.Api.SendAsync(HttpMethod.Get, WardleApi.Flunder(ns, "missing"));

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.NotFound, "NotFound");
        Assert.Equal("flunders.wardle.example.com \"missing\" not found", status.Message());
        Assert.Equal("flunders", status["details"]?["kind"]?.GetValue<string>());
        Assert.Equal("wardle.example.com", status["details"]?["group"]?.GetValue<string>());
    }
}

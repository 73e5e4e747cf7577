using System.Net;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.RawHttp;

/// <summary>List options the server cannot honour: a Status, never a silently wrong list.</summary>
[Collection(RawHttpCollection.Name)]
public sealed class ListQueryErrorTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    private async Task<HttpResponseMessage> ListAsync(string query) =>
        await server.Api.SendAsync(HttpMethod.Get, $"{WardleApi.Flunders(ns)}?{query}");

    [Fact]
    public async Task An_unparsable_label_selector_is_400()
    {
        using var response = await ListAsync("labelSelector=" + Uri.EscapeDataString("a in ("));

        await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
    }

    [Fact]
    public async Task A_field_selector_on_an_unsupported_field_is_400()
    {
        using var response = await ListAsync("fieldSelector=" + Uri.EscapeDataString("spec.reference=x"));

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Contains("spec.reference", status.Message());
    }

    [Fact]
    public async Task An_unparsable_resource_version_is_400()
    {
        using var response = await ListAsync("resourceVersion=abc");

        await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
    }

    [Fact]
    public async Task A_resource_version_far_in_the_future_is_504_Timeout_too_large()
    {
        using var response = await ListAsync("resourceVersion=999999999999");

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.GatewayTimeout, "Timeout");
        Assert.Contains("Too large resource version", status.Message());
        Assert.Equal("ResourceVersionTooLarge", status["details"]?["causes"]?[0]?["reason"]?.GetValue<string>());
    }

    [Fact]
    public async Task A_garbage_continue_token_is_400()
    {
        using var response = await ListAsync("limit=1&continue=" + Uri.EscapeDataString("not-a-real-token!!"));

        await response.ShouldBeStatusAsync(server, HttpStatusCode.BadRequest, "BadRequest");
    }

    [Fact]
    public async Task SendInitialEvents_on_a_plain_list_is_422()
    {
        using var response = await ListAsync("sendInitialEvents=true&resourceVersionMatch=NotOlderThan&resourceVersion=0");

        await response.ShouldBeStatusAsync(server, HttpStatusCode.UnprocessableEntity, "Invalid");
    }

    [Fact]
    public async Task ResourceVersionMatch_without_a_resource_version_is_422()
    {
        using var response = await ListAsync("resourceVersionMatch=NotOlderThan");

        await response.ShouldBeStatusAsync(server, HttpStatusCode.UnprocessableEntity, "Invalid");
    }
}

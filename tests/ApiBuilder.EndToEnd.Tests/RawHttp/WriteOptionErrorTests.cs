using System.Net;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.RawHttp;

/// <summary>Invalid dryRun and delete options: 422, and the write does not happen.</summary>
[Collection(RawHttpCollection.Name)]
public sealed class WriteOptionErrorTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    [Fact]
    public async Task An_invalid_dryRun_value_is_422_and_nothing_is_stored()
    {
        using var response = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns) + "?dryRun=Maybe",
            WardleApi.NewFlunder("dry-maybe", ns, "r").ToJsonString());

        await response.ShouldBeStatusAsync(server, HttpStatusCode.UnprocessableEntity, "Invalid");
        await server.ShouldHoldNoFlundersAsync(ns);
    }

    [Fact]
    public async Task An_invalid_propagationPolicy_on_delete_is_422_and_the_object_stays()
    {
        var before = await server.Api.CreateFlunderAsync(ns, "kept");

        using var response = await server.Api.SendAsync(HttpMethod.Delete, WardleApi.Flunder(ns, "kept"), """{"propagationPolicy":"Sideways"}""");

        await response.ShouldBeStatusAsync(server, HttpStatusCode.UnprocessableEntity, "Invalid");
        await server.ShouldBeUnchangedAsync(WardleApi.Flunder(ns, "kept"), before);
    }

    [Fact]
    public async Task An_invalid_propagationPolicy_as_query_parameter_is_422()
    {
        var before = await server.Api.CreateFlunderAsync(ns, "kept-too");

        using var response = await server.Api.SendAsync(HttpMethod.Delete, WardleApi.Flunder(ns, "kept-too") + "?propagationPolicy=Sideways");

        await response.ShouldBeStatusAsync(server, HttpStatusCode.UnprocessableEntity, "Invalid");
        await server.ShouldBeUnchangedAsync(WardleApi.Flunder(ns, "kept-too"), before);
    }

    [Fact]
    public async Task Force_on_a_non_apply_patch_is_422()
    {
        var before = await server.Api.CreateFlunderAsync(ns, "forced");

        using var response = await server.Api.SendAsync(HttpMethod.Patch, WardleApi.Flunder(ns, "forced") + "?force=true",
            """{"spec":{"reference":"x"}}""", "application/merge-patch+json");

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.UnprocessableEntity, "Invalid");
        Assert.Contains("force", status.CauseFields());
        await server.ShouldBeUnchangedAsync(WardleApi.Flunder(ns, "forced"), before);
    }

    [Fact]
    public async Task A_field_manager_over_128_characters_is_422()
    {
        using var response = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns) + "?fieldManager=" + new string('m', 129),
            WardleApi.NewFlunder("managed", ns, "r").ToJsonString());

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.UnprocessableEntity, "Invalid");
        Assert.Contains("fieldManager", status.CauseFields());
        await server.ShouldHoldNoFlundersAsync(ns);
    }
}

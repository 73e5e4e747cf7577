using System.Net;
using System.Text.Json.Nodes;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.RawHttp;

/// <summary>Checks that a rejected request left storage exactly as it was.</summary>
internal static class StoredState
{
    /// <summary>The object must still be stored, byte for byte the same (same resourceVersion, same content).</summary>
    public static async Task ShouldBeUnchangedAsync(this WardleServer server, string path, JsonObject before)
    {
        var after = await server.Api.GetAsync(path);
        Assert.True(JsonNode.DeepEquals(before, after),
            server.Explain($"expected {path} to be unchanged{Environment.NewLine}before: {before.ToJsonString()}{Environment.NewLine}after:  {after.ToJsonString()}"));
    }

    /// <summary>Nothing may have been stored at the path.</summary>
    public static async Task ShouldNotExistAsync(this WardleServer server, string path)
    {
        using var response = await server.Api.SendAsync(HttpMethod.Get, path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, server.Explain($"expected nothing stored at {path}; got {WardleApi.Describe(response, body)}"));
    }

    /// <summary>The namespace must hold no Flunders at all.</summary>
    public static async Task ShouldHoldNoFlundersAsync(this WardleServer server, string ns)
    {
        var list = await server.Api.GetAsync(WardleApi.Flunders(ns));
        Assert.True(list["items"] is JsonArray { Count: 0 }, server.Explain($"expected no flunders in {ns}; got {list.ToJsonString()}"));
    }
}

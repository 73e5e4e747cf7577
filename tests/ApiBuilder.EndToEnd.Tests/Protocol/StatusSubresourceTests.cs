using System.Net;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Protocol;

/// <summary>Status subresource semantics on the wire (protocol §4.11).</summary>
[Collection(ProtocolCollection.Name)]
public sealed class StatusSubresourceTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    [Fact]
    public async Task Create_drops_a_status_sent_with_the_object()
    {
        var body = WardleApi.NewFlunder("born-ready", ns, "r");
        body["status"] = new System.Text.Json.Nodes.JsonObject { ["phase"] = "Ready" };

        using var response = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns), body.ToJsonString());

        await server.Api.ExpectJsonAsync(response, HttpStatusCode.Created);
        var stored = await server.Api.GetAsync(WardleApi.Flunder(ns, "born-ready"));
        Assert.Null(stored["status"]?["phase"]);
    }

    [Fact]
    public async Task Put_to_status_changes_only_status_and_not_generation()
    {
        var created = await server.Api.CreateFlunderAsync(ns, "status-put", "r");
        var update = created.DeepClone().AsObject();
        update["status"] = new System.Text.Json.Nodes.JsonObject { ["phase"] = "Ready" };
        update["spec"]!["reference"] = "ignored";

        using var response = await server.Api.SendAsync(HttpMethod.Put, WardleApi.Flunder(ns, "status-put") + "/status", update.ToJsonString());

        var updated = await server.Api.ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("Ready", updated["status"]!["phase"]!.GetValue<string>());
        Assert.Equal("r", updated["spec"]!["reference"]!.GetValue<string>());
        Assert.Equal(1, updated["metadata"]!["generation"]!.GetValue<long>());
        var status = await server.Api.GetAsync(WardleApi.Flunder(ns, "status-put") + "/status");
        Assert.Equal("Ready", status["status"]!["phase"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_to_status_with_a_stale_resource_version_is_409()
    {
        var stale = await server.Api.CreateFlunderAsync(ns, "status-stale", "r");
        using (var bump = await server.Api.SendAsync(HttpMethod.Patch, WardleApi.Flunder(ns, "status-stale"), """{"metadata":{"labels":{"b":"1"}}}""", "application/merge-patch+json"))
        {
            await server.Api.ExpectJsonAsync(bump, HttpStatusCode.OK);
        }

        stale["status"] = new System.Text.Json.Nodes.JsonObject { ["phase"] = "Ready" };
        using var response = await server.Api.SendAsync(HttpMethod.Put, WardleApi.Flunder(ns, "status-stale") + "/status", stale.ToJsonString());

        await response.ShouldBeStatusAsync(server, HttpStatusCode.Conflict, "Conflict");
        Assert.Null((await server.Api.GetAsync(WardleApi.Flunder(ns, "status-stale")))["status"]?["phase"]);
    }
}

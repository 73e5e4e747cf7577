using System.Net;
using System.Text.Json.Nodes;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.RawHttp;

/// <summary>Optimistic concurrency, preconditions and name collisions.</summary>
[Collection(RawHttpCollection.Name)]
public sealed class ConflictTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    [Fact]
    public async Task Delete_with_a_mismatched_uid_precondition_is_409_Conflict()
    {
        var before = await server.Api.CreateFlunderAsync(ns, "guarded");

        using var response = await server.Api.SendAsync(HttpMethod.Delete, WardleApi.Flunder(ns, "guarded"),
            """{"preconditions":{"uid":"00000000-0000-0000-0000-000000000000"}}""");

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.Conflict, "Conflict");
        Assert.Contains("Precondition failed: UID in precondition: 00000000-0000-0000-0000-000000000000", status.Message());
        await server.ShouldBeUnchangedAsync(WardleApi.Flunder(ns, "guarded"), before);
    }

    [Fact]
    public async Task Create_of_an_existing_name_is_409_AlreadyExists()
    {
        var before = await server.Api.CreateFlunderAsync(ns, "x", "first");

        using var response = await server.Api.SendAsync(HttpMethod.Post, WardleApi.Flunders(ns), WardleApi.NewFlunder("x", ns, "second").ToJsonString());

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.Conflict, "AlreadyExists");
        Assert.Equal("flunders.wardle.example.com \"x\" already exists", status.Message());
        Assert.Equal("x", status["details"]?["name"]?.GetValue<string>());
        Assert.Equal("flunders", status["details"]?["kind"]?.GetValue<string>());
        await server.ShouldBeUnchangedAsync(WardleApi.Flunder(ns, "x"), before);
    }

    [Fact]
    public async Task Update_with_a_stale_resource_version_is_409_Conflict()
    {
        var stale = await server.Api.CreateFlunderAsync(ns, "contended", "v1");
        using (var bump = await server.Api.SendAsync(HttpMethod.Patch, WardleApi.Flunder(ns, "contended"), """{"metadata":{"labels":{"bumped":"yes"}}}""", "application/merge-patch+json"))
        {
            await server.Api.ExpectJsonAsync(bump, HttpStatusCode.OK);
        }

        var current = await server.Api.GetAsync(WardleApi.Flunder(ns, "contended"));
        var update = stale.DeepClone().AsObject();
        update["spec"]!["reference"] = "v2";

        using var response = await server.Api.SendAsync(HttpMethod.Put, WardleApi.Flunder(ns, "contended"), update.ToJsonString());

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.Conflict, "Conflict");
        Assert.Equal("Operation cannot be fulfilled on flunders.wardle.example.com \"contended\": the object has been modified; please apply your changes to the latest version and try again",
            status.Message());
        await server.ShouldBeUnchangedAsync(WardleApi.Flunder(ns, "contended"), current);
    }

    [Fact]
    public async Task Update_without_a_resource_version_is_422()
    {
        var before = await server.Api.CreateFlunderAsync(ns, "unversioned", "v1");
        var update = before.DeepClone().AsObject();
        update["metadata"]!.AsObject().Remove("resourceVersion");
        update["spec"]!["reference"] = "v2";

        using var response = await server.Api.SendAsync(HttpMethod.Put, WardleApi.Flunder(ns, "unversioned"), update.ToJsonString());

        var status = await response.ShouldBeStatusAsync(server, HttpStatusCode.UnprocessableEntity, "Invalid");
        Assert.Contains("metadata.resourceVersion", status.CauseFields());
        await server.ShouldBeUnchangedAsync(WardleApi.Flunder(ns, "unversioned"), before);
    }

    [Fact]
    public async Task Update_with_the_current_resource_version_succeeds_and_changes_it()
    {
        var before = await server.Api.CreateFlunderAsync(ns, "updated", "v1");
        var update = before.DeepClone().AsObject();
        update["spec"]!["reference"] = "v2";

        using var response = await server.Api.SendAsync(HttpMethod.Put, WardleApi.Flunder(ns, "updated"), update.ToJsonString());

        var updated = await server.Api.ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("v2", updated["spec"]!["reference"]!.GetValue<string>());
        Assert.NotEqual(before["metadata"]!["resourceVersion"]!.GetValue<string>(), updated["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(2, updated["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_patch_carrying_a_stale_resource_version_is_409_Conflict()
    {
        var before = await server.Api.CreateFlunderAsync(ns, "patch-guarded", "v1");
        using (var bump = await server.Api.SendAsync(HttpMethod.Patch, WardleApi.Flunder(ns, "patch-guarded"), """{"metadata":{"labels":{"b":"1"}}}""", "application/merge-patch+json"))
        {
            await server.Api.ExpectJsonAsync(bump, HttpStatusCode.OK);
        }

        var current = await server.Api.GetAsync(WardleApi.Flunder(ns, "patch-guarded"));
        var staleRv = before["metadata"]!["resourceVersion"]!.GetValue<string>();
        using var response = await server.Api.SendAsync(HttpMethod.Patch, WardleApi.Flunder(ns, "patch-guarded"),
            $$$"""{"metadata":{"resourceVersion":"{{{staleRv}}}"},"spec":{"reference":"v2"}}""", "application/merge-patch+json");

        await response.ShouldBeStatusAsync(server, HttpStatusCode.Conflict, "Conflict");
        await server.ShouldBeUnchangedAsync(WardleApi.Flunder(ns, "patch-guarded"), current);
    }
}

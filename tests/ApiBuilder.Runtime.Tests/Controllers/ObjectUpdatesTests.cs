using System.Net;
using System.Text;
using ApiBuilder.Runtime.Client;
using ApiBuilder.Runtime.Controllers;
using ApiBuilder.Runtime.Testing;
using ApiBuilder.Runtime.Tests.Rest;

namespace ApiBuilder.Runtime.Tests.Controllers;

/// <summary>The status and finalizer writes reconcilers make, against a real server.</summary>
public sealed class ObjectUpdatesTests
{
    [Fact]
    public async Task A_status_update_from_a_stale_object_retries_with_the_newest_state()
    {
        await using var server = await ApiTestServer.StartAsync(builder => builder.AddResource(Gadget.Definition));
        var gadgets = new ResourceClient<Gadget>(server.Client, "default");
        var stale = await gadgets.CreateAsync(new Gadget { Metadata = { Name = "g" }, Size = 1 });
        using (var bump = await server.Client.PatchAsync("/apis/test.example.com/v1/namespaces/default/gadgets/g",
            new StringContent("""{"spec":{"size":2}}""", Encoding.UTF8, "application/merge-patch+json")))
        {
            Assert.Equal(HttpStatusCode.OK, bump.StatusCode);
        }

        var updated = await ObjectUpdates.UpdateStatusAsync(gadgets, stale, g => g.Phase = "Ready", default);

        Assert.Equal("Ready", updated.Phase);
        Assert.Equal(2, updated.Size); // the newest spec, not the stale one
    }

    [Fact]
    public async Task A_finalizer_holds_a_deletion_until_it_is_removed()
    {
        await using var server = await ApiTestServer.StartAsync(builder => builder.AddResource(Gadget.Definition));
        var gadgets = new ResourceClient<Gadget>(server.Client, "default");
        var created = await gadgets.CreateAsync(new Gadget { Metadata = { Name = "g" } });

        var held = await ObjectUpdates.AddFinalizerAsync(gadgets, created, "example.com/cleanup", default);
        Assert.Equal(["example.com/cleanup"], held.Metadata.Finalizers);
        Assert.Same(held, await ObjectUpdates.AddFinalizerAsync(gadgets, held, "example.com/cleanup", default));

        await gadgets.DeleteAsync("g");
        var deleting = await gadgets.GetAsync("g");
        Assert.NotNull(deleting.Metadata.DeletionTimestamp);

        await ObjectUpdates.RemoveFinalizerAsync(gadgets, deleting, "example.com/cleanup", default);
        var gone = await Assert.ThrowsAsync<ApiBuilder.Runtime.Errors.StatusException>(() => gadgets.GetAsync("g"));
        Assert.Equal(404, gone.Code);
    }
}

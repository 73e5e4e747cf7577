using System.Net;
using System.Text;
using ApiBuilder.Runtime.Admission;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Testing;

namespace ApiBuilder.Runtime.Tests.Rest;

/// <summary>
/// The cached, indexed lister admission plugins read through: a look-up by index sees every earlier create,
/// update and delete at once, for a stored Kind (followed through the watch) and for a Kind kept in the user's
/// typed storage (listed on each read).
/// </summary>
public sealed class ObjectListerTests
{
    private const string Gadgets = "/apis/test.example.com/v1/namespaces/default/gadgets";

    [Fact]
    public async Task An_index_follows_creates_updates_and_deletes_of_a_stored_kind()
    {
        await using var server = await ApiTestServer.StartAsync(builder => builder.AddResource(Gadget.Definition).AddAdmission(new OneGadgetPerSize()));
        await AssertSizesAreUniqueAsync(server.Client);
    }

    [Fact]
    public async Task A_kind_in_typed_user_storage_is_listed_on_each_read()
    {
        var storage = new DictionaryStorage();
        await using var server = await ApiTestServer.StartAsync(builder => builder.AddResource(storage).AddAdmission(new OneGadgetPerSize()));
        await AssertSizesAreUniqueAsync(server.Client);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(300)]
    public async Task Get_finds_objects_of_a_watchable_user_storage_by_namespace_and_name_written_before_the_read(int deliveryDelayMs)
    {
        // With a delay, events reach the lister's watch after the change is visible: the read waits for them.
        var gadgets = new WatchableGadgets { DeliveryDelay = TimeSpan.FromMilliseconds(deliveryDelayMs) };
        await using var server = await ApiTestServer.StartAsync(builder => builder.AddResource(gadgets)
            .AddResource(Registry.TestResources.Widget()).AddAdmission(new WidgetNeedsGadget()));
        const string widgets = "/apis/test.example.com/v1/namespaces/default/widgets";
        static StringContent Widget(string name) =>
            new($$$"""{"apiVersion":"test.example.com/v1","kind":"Widget","metadata":{"name":"{{{name}}}"},"spec":{"size":1}}""", Encoding.UTF8, "application/json");

        using (var refused = await server.Client.PostAsync(widgets, Widget("g1")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        gadgets.Put("default", "g1", 3);
        using (var created = await server.Client.PostAsync(widgets, Widget("g1")))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // A resourceVersion that moves without an event: the read lists instead of waiting for one.
        gadgets.Skip();
        gadgets.Put("default", "g2", 3);
        gadgets.Skip();
        using (var second = await server.Client.PostAsync(widgets, Widget("g2")))
        {
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        }

        // A removal is seen too: admission refuses before the create would find the name taken (409).
        gadgets.Remove("default", "g1");
        using var gone = await server.Client.PostAsync(widgets, Widget("g1"));
        Assert.Equal(HttpStatusCode.Forbidden, gone.StatusCode);
    }

    [Fact]
    public async Task A_readers_default_lister_is_shared_so_its_indexes_serve_every_caller()
    {
        IObjectReader reader = new NoObjects();
        reader.Lister<Gadget>().AddIndex("size", g => [g.Size.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.Same(reader.Lister<Gadget>(), reader.Lister<Gadget>());
        Assert.Empty(await reader.Lister<Gadget>().ByIndexAsync("size", "1"));
    }

    private sealed class NoObjects : IObjectReader
    {
        public ValueTask<IReadOnlyList<System.Text.Json.Nodes.JsonObject>> ListAsync(string group, string resource, string? @namespace = null, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IReadOnlyList<System.Text.Json.Nodes.JsonObject>>([]);

        public ValueTask<System.Text.Json.Nodes.JsonObject?> GetAsync(string group, string resource, string? @namespace, string name, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<System.Text.Json.Nodes.JsonObject?>(null);
    }

    /// <summary>Refuses a Widget unless a Gadget of its namespace and name exists, read through the lister's get.</summary>
    private sealed class WidgetNeedsGadget : IAdmissionPlugin
    {
        public string Name => "WidgetNeedsGadget";

        public bool Handles(AdmissionRequest request) => request.Operation == AdmissionOperation.Create && request.Resource.Plural == "widgets";

        public async ValueTask ValidateAsync(AdmissionRequest request, CancellationToken cancellationToken)
        {
            if (await request.Objects.Lister<Gadget>().GetAsync(request.Namespace, request.Name, cancellationToken) is null)
            {
                throw ApiErrors.Forbidden("test.example.com", "widgets", request.Name, "no gadget " + request.Name);
            }
        }
    }

    private static async Task AssertSizesAreUniqueAsync(HttpClient http)
    {
        Assert.Equal(HttpStatusCode.Created, await CreateAsync(http, "a", 1));
        Assert.Equal(HttpStatusCode.Forbidden, await CreateAsync(http, "b", 1));

        using (var patched = await http.PatchAsync($"{Gadgets}/a", new StringContent("""{"spec":{"size":2}}""", Encoding.UTF8, "application/merge-patch+json")))
        {
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, await CreateAsync(http, "b", 1));
        Assert.Equal(HttpStatusCode.Forbidden, await CreateAsync(http, "c", 2));
        using (var deleted = await http.DeleteAsync($"{Gadgets}/a"))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, await CreateAsync(http, "c", 2));
        Assert.Equal(HttpStatusCode.Forbidden, await CreateAsync(http, "d", 1));
        Assert.Equal(HttpStatusCode.Created, await CreateAsync(http, "e", 7));
    }

    private static async Task<HttpStatusCode> CreateAsync(HttpClient http, string name, int size)
    {
        using var response = await http.PostAsync(Gadgets, new StringContent(
            $$$"""{"apiVersion":"test.example.com/v1","kind":"Gadget","metadata":{"name":"{{{name}}}"},"spec":{"size":{{{size}}}}}""", Encoding.UTF8, "application/json"));
        return response.StatusCode;
    }

    /// <summary>Refuses a Gadget whose size another Gadget has, found through the lister's index; checks the lister's other reads on the way.</summary>
    private sealed class OneGadgetPerSize : IAdmissionPlugin
    {
        public string Name => "OneGadgetPerSize";

        public bool Handles(AdmissionRequest request) => request.Operation == AdmissionOperation.Create && request.Resource.Plural == "gadgets";

        public async ValueTask ValidateAsync(AdmissionRequest request, CancellationToken cancellationToken)
        {
            var gadgets = request.Objects.Lister<Gadget>();
            gadgets.AddIndex("size", g => [g.Size.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            gadgets.AddIndex("size", g => ["ignored: the first function of a name stays"]);
            var size = request.Object!["spec"]!["size"]!.ToString();
            var same = await gadgets.ByIndexAsync("size", size, cancellationToken);

            // The other reads agree with the index.
            var all = await gadgets.ListAsync("default", cancellationToken);
            Assert.Equal(all.Count(g => g.Size.ToString(System.Globalization.CultureInfo.InvariantCulture) == size), same.Count);
            Assert.Empty(await gadgets.ListAsync("elsewhere", cancellationToken));
            foreach (var gadget in all)
            {
                Assert.Equal(gadget.Size, (await gadgets.GetAsync("default", gadget.Metadata.Name!, cancellationToken))?.Size);
            }

            Assert.Null(await gadgets.GetAsync("default", "missing", cancellationToken));
            await Assert.ThrowsAsync<ArgumentException>(async () => await gadgets.ByIndexAsync("no-such-index", "x", cancellationToken));
            if (same.Count > 0)
            {
                throw ApiErrors.Forbidden("test.example.com", "gadgets", request.Name, "size " + size + " is taken by " + same[0].Metadata.Name);
            }
        }
    }
}

using System.Net;
using System.Text;
using ApiBuilder.Runtime.Client;
using ApiBuilder.Runtime.Controllers;
using ApiBuilder.Runtime.Testing;
using ApiBuilder.Runtime.Tests.Rest;

namespace ApiBuilder.Runtime.Tests.Controllers;

/// <summary>An informer's indexes follow the objects as they are created, relabelled and deleted.</summary>
public sealed class InformerIndexTests
{
    private const string Gadgets = "/apis/test.example.com/v1/namespaces/{0}/gadgets";

    [Fact]
    public async Task Label_namespace_and_custom_indexes_follow_changes_and_deletions()
    {
        await using var server = await ApiTestServer.StartAsync(builder => builder.AddResource(Gadget.Definition));
        await CreateAsync(server, "default", "a", """{"app":"web","tier":"front"}""", 1);
        await CreateAsync(server, "default", "b", """{"app":"web","tier":"back"}""", 2);
        await CreateAsync(server, "other", "c", """{"app":"db"}""", 2);

        var informer = new Informer<Gadget>(new ResourceClient<Gadget>(server.Client));
        informer.AddIndex("size", g => [g.Size.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        using var stop = new CancellationTokenSource();
        var running = informer.RunAsync(stop.Token);
        await informer.Synced.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(["a", "b"], Names(informer.ByIndex(Informer<Gadget>.LabelIndex, "app=web")));
        Assert.Equal(["c"], Names(informer.ByIndex(Informer<Gadget>.NamespaceIndex, "other")));
        Assert.Equal(["b", "c"], Names(informer.ByIndex("size", "2")));
        Assert.Equal(["b"], Names(informer.ByLabels(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "back" })));
        Assert.Empty(informer.ByLabels(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "none" }));

        // Relabel b and grow a: both move between index values; delete c: it leaves every index.
        await PatchAsync(server, "default", "b", """{"metadata":{"labels":{"app":"api"}},"spec":{"size":2}}""");
        await PatchAsync(server, "default", "a", """{"spec":{"size":3}}""");
        using (var deleted = await server.Client.DeleteAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, Gadgets, "other") + "/c"))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        await Until(() => !informer.Objects.ContainsKey("other/c") && informer.Objects["default/a"].Size == 3
            && informer.Objects["default/b"].Metadata.Labels.GetValueOrDefault("app") == "api");
        Assert.Equal(["a"], Names(informer.ByIndex(Informer<Gadget>.LabelIndex, "app=web")));
        Assert.Equal(["b"], Names(informer.ByIndex(Informer<Gadget>.LabelIndex, "app=api")));
        Assert.Empty(informer.ByIndex(Informer<Gadget>.LabelIndex, "app=db"));
        Assert.Empty(informer.ByIndex(Informer<Gadget>.NamespaceIndex, "other"));
        Assert.Equal(["b"], Names(informer.ByIndex("size", "2")));
        Assert.Equal(["a"], Names(informer.ByIndex("size", "3")));
        Assert.Throws<ArgumentException>(() => informer.ByIndex("missing", "x"));

        // An index added after the cache is full starts out complete.
        informer.AddIndex("first-letter", g => [g.Metadata.Name![..1]]);
        Assert.Equal(["b"], Names(informer.ByIndex("first-letter", "b")));

        await stop.CancelAsync();
        await running;
    }

    private static string[] Names(IEnumerable<Gadget> gadgets) => [.. gadgets.Select(g => g.Metadata.Name!).Order(StringComparer.Ordinal)];

    private static async Task CreateAsync(ApiTestServer server, string ns, string name, string labels, int size)
    {
        using var created = await server.Client.PostAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, Gadgets, ns), new StringContent(
            $$$"""{"apiVersion":"test.example.com/v1","kind":"Gadget","metadata":{"name":"{{{name}}}","labels":{{{labels}}}},"spec":{"size":{{{size}}}}}""",
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private static async Task PatchAsync(ApiTestServer server, string ns, string name, string patch)
    {
        using var patched = await server.Client.PatchAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, Gadgets, ns) + "/" + name,
            new StringContent(patch, Encoding.UTF8, "application/merge-patch+json"));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the informer did not get there within 20 s");
            await Task.Delay(20);
        }
    }
}

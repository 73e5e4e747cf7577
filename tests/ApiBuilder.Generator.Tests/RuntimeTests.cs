using System.Text.Json.Nodes;
using ApiBuilder.Generator.Tests.Fixtures;
using ApiBuilder.Generator.Tests.Infrastructure;
using ApiBuilder.Runtime.Client;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Objects;

namespace ApiBuilder.Generator.Tests;

/// <summary>
/// The generated registration, schema, hooks and clients against a real in-process server
/// (the Kinds in Fixtures/ are compiled by the generator as part of this project).
/// </summary>
public sealed class RuntimeTests(TestServer server) : IClassFixture<TestServer>
{
    private static Widget NewWidget(string name, Action<WidgetSpec>? change = null)
    {
        var widget = new Widget { Metadata = { Name = name } };
        change?.Invoke(widget.Spec);
        return widget;
    }

    [Fact]
    public async Task A_value_breaking_MaxLength_is_refused_with_422_and_the_field_path()
    {
        var client = new WidgetClient(server.Http, "default");

        var error = await Assert.ThrowsAsync<StatusException>(() => client.CreateAsync(NewWidget("too-long", s => s.Title = "eleven chars")));

        Assert.Equal(422, error.Code);
        Assert.Equal("Invalid", error.Reason);
        var cause = Assert.Single(error.Status.Details!.Causes);
        Assert.Equal("spec.title", cause.Field);
        Assert.Contains("10", cause.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_XML_doc_summary_is_served_as_the_description_in_OpenAPI_v3()
    {
        var json = await server.Http.GetStringAsync("/openapi/v3/apis/test.apibuilder.io/v1");

        Assert.Contains("Display name, at most ten characters.", json, StringComparison.Ordinal);
        Assert.Contains("Paint colour; defaults to Blue.", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typed_defaulting_is_written_back_and_typed_validation_answers_422()
    {
        var client = new WidgetClient(server.Http, "default");

        var created = await client.CreateAsync(NewWidget("defaulted", s => s.Size = 3));
        var refused = await Assert.ThrowsAsync<StatusException>(() => client.CreateAsync(NewWidget("red-and-big", s =>
        {
            s.Color = WidgetColor.Red;
            s.Size = 20;
        })));

        Assert.Equal(WidgetColor.Blue, created.Spec.Color);
        Assert.Equal(422, refused.Code);
        Assert.Equal("spec.size", Assert.Single(refused.Status.Details!.Causes).Field);
        Assert.Contains("red widgets are at most 10", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_typed_client_round_trips_every_verb()
    {
        var client = new WidgetClient(server.Http, "verbs");
        var widget = NewWidget("w1", s =>
        {
            s.Title = "first";
            s.Parts["wheel"] = "round";
            s.Settings = new JsonObject { ["speed"] = 3 };
        });
        widget.Metadata.Labels["app"] = "demo";

        var created = await client.CreateAsync(widget);
        var read = await client.GetAsync("w1");
        read.Spec.Size = 7;
        var updated = await client.UpdateAsync(read);
        var patched = await client.PatchAsync("w1", PatchType.Merge, """{"spec":{"title":"patched"}}""");
        patched.Status = new WidgetStatus { ObservedGeneration = 3, PaintedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero) };
        var withStatus = await client.UpdateStatusAsync(patched);
        var list = await client.ListAsync(new ListOptions { LabelSelector = "app=demo" });
        await client.DeleteAsync("w1");
        var gone = await Assert.ThrowsAsync<StatusException>(() => client.GetAsync("w1"));

        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.Equal("test.apibuilder.io/v1", created.ApiVersion);
        Assert.Equal("round", read.Spec.Parts["wheel"]);
        Assert.Equal(3, read.Spec.Settings!["speed"]!.GetValue<int>());
        Assert.Equal(7, updated.Spec.Size);
        Assert.Equal("patched", patched.Spec.Title);
        Assert.Equal(7, patched.Spec.Size);
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), withStatus.Status!.PaintedAt);
        Assert.Equal("w1", Assert.Single(list.Items).Metadata.Name);
        Assert.Equal(404, gone.Code);
    }

    [Fact]
    public async Task Watch_streams_typed_events()
    {
        var client = new WidgetClient(server.Http, "watching");
        var list = await client.ListAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var events = client.WatchAsync(new ListOptions { ResourceVersion = list.Metadata.ResourceVersion, TimeoutSeconds = 10 }, timeout.Token)
            .GetAsyncEnumerator(timeout.Token);
        var next = events.MoveNextAsync().AsTask();

        await client.CreateAsync(NewWidget("watched", s => s.Size = 1));

        Assert.True(await next);
        Assert.Equal(WatchEventType.Added, events.Current.Type);
        Assert.Equal("watched", events.Current.Object.Metadata.Name);
        await events.DisposeAsync();
    }

    [Fact]
    public async Task A_cluster_scoped_Kind_is_served_through_its_client()
    {
        var client = new GadgetClient(server.Http);

        await client.CreateAsync(new Gadget { Metadata = { Name = "g1" }, Spec = { Parts = ["a", "b"] } });
        var read = await client.GetAsync("g1");

        Assert.Null(read.Metadata.Namespace);
        Assert.Equal(["a", "b"], read.Spec.Parts);
        Assert.Contains(ApiBuilder.Runtime.Server.GeneratedResources.Definitions, d => d.Kind == "Gadget" && !d.Namespaced);
        Assert.Contains(ApiBuilder.Runtime.Server.GeneratedResources.Controllers, c => c.ControllerType == typeof(GadgetController));
    }

    [Fact]
    public void Typed_objects_round_trip_through_JSON()
    {
        var widget = NewWidget("json", s =>
        {
            s.Title = "t";
            s.Color = WidgetColor.Red;
            s.Parts["b"] = "2";
            s.Parts["a"] = "1";
        });
        widget.Metadata.CreationTimestamp = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

        var json = KindJson.ToJsonObject(widget);
        var back = KindJson.FromJsonObject<Widget>(json);

        Assert.Equal("""{"apiVersion":"test.apibuilder.io/v1","kind":"Widget","metadata":{"name":"json","creationTimestamp":"2024-05-06T07:08:09Z"},"spec":{"title":"t","size":0,"color":"Red","parts":{"a":"1","b":"2"}}}""",
            json.ToJsonString());
        Assert.Equal(WidgetColor.Red, back.Spec.Color);
        Assert.Equal(widget.Metadata.CreationTimestamp, back.Metadata.CreationTimestamp);
        Assert.Throws<System.Text.Json.JsonException>(() => KindJson.Deserialize<Widget>("""{"spec":{"color":"Green"}}"""u8));
    }
}

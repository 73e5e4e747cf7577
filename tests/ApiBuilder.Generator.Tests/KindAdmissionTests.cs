using System.Text.Json.Nodes;
using ApiBuilder.Generator.Tests.Fixtures;
using ApiBuilder.Runtime.Admission;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Objects;

namespace ApiBuilder.Generator.Tests;

/// <summary>The typed-hook admission plugin: what it writes back, and what it leaves alone.</summary>
public sealed class KindAdmissionTests
{
    private static AdmissionRequest Request(JsonObject obj, AdmissionOperation operation = AdmissionOperation.Create) => new()
    {
        Operation = operation,
        Resource = Widget.Definition,
        Name = obj["metadata"]?["name"]?.GetValue<string>() ?? "w",
        Object = obj,
        UserName = "tester",
        Objects = new NoObjects(),
    };

    [Fact]
    public async Task Defaults_are_written_back_and_fields_outside_the_typed_model_are_kept()
    {
        var obj = (JsonObject)JsonNode.Parse("""
            {"apiVersion":"test.apibuilder.io/v1","kind":"Widget",
             "metadata":{"name":"w","managedFields":[{"manager":"kubectl"}],"labels":{"a":"b"}},
             "spec":{"size":2,"settings":{"deep":{"x":1}}}}
            """)!;

        await new KindAdmission<Widget>().MutateAsync(Request(obj), CancellationToken.None);

        Assert.Equal("Blue", obj["spec"]!["color"]!.GetValue<string>());
        Assert.Equal(1, obj["spec"]!["settings"]!["deep"]!["x"]!.GetValue<int>());
        Assert.Equal("kubectl", obj["metadata"]!["managedFields"]![0]!["manager"]!.GetValue<string>());
        Assert.Equal("b", obj["metadata"]!["labels"]!["a"]!.GetValue<string>());
        Assert.Null(obj["status"]);
    }

    [Fact]
    public async Task An_object_that_does_not_fit_its_type_is_left_for_schema_validation()
    {
        var obj = (JsonObject)JsonNode.Parse("""{"metadata":{"name":"w"},"spec":{"size":"big"}}""")!;
        var before = obj.ToJsonString();

        await new KindAdmission<Widget>().MutateAsync(Request(obj), CancellationToken.None);

        Assert.Equal(before, obj.ToJsonString());
    }

    [Fact]
    public async Task Validation_errors_become_one_422_with_field_paths()
    {
        var obj = (JsonObject)JsonNode.Parse("""{"metadata":{"name":"w"},"spec":{"size":50,"color":"Red"}}""")!;

        var error = await Assert.ThrowsAsync<StatusException>(() => new KindAdmission<Widget>().ValidateAsync(Request(obj), CancellationToken.None).AsTask());

        Assert.Equal(422, error.Code);
        Assert.Equal("Widget.test.apibuilder.io \"w\" is invalid: spec.size: Invalid value: 50: red widgets are at most 10", error.Message);
        Assert.Equal("FieldValueInvalid", Assert.Single(error.Status.Details!.Causes).Reason);
    }

    [Fact]
    public void Deletes_and_other_resources_are_not_handled()
    {
        var plugin = new KindAdmission<Widget>();
        var obj = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "w" } };

        Assert.True(plugin.Handles(Request(obj)));
        Assert.False(plugin.Handles(Request(obj, AdmissionOperation.Delete)));
        Assert.False(plugin.Handles(new AdmissionRequest
        {
            Operation = AdmissionOperation.Create,
            Resource = Gadget.Definition,
            Name = "g",
            Object = obj,
            UserName = "tester",
            Objects = new NoObjects(),
        }));
    }

    [Fact]
    public async Task Validation_reuses_the_defaulted_object_only_while_no_later_plugin_changes_it()
    {
        // Valid as sent: size 50 with the default colour Blue.
        var valid = (JsonObject)JsonNode.Parse("""{"metadata":{"name":"w"},"spec":{"size":50}}""")!;
        var alone = new AdmissionChain([new KindAdmission<Widget>()], new NoObjects());
        var request = Request(valid);
        await alone.MutateAsync(request, CancellationToken.None);
        await alone.ValidateAsync(request, CancellationToken.None);
        Assert.Equal("Blue", valid["spec"]!["color"]!.GetValue<string>());

        // A plugin after the Kind's hooks turns it red: the hooks' validation must see that.
        var obj = (JsonObject)JsonNode.Parse("""{"metadata":{"name":"w"},"spec":{"size":50}}""")!;
        var chain = new AdmissionChain([new KindAdmission<Widget>(), new Painter(), new OnlyValidates()], new NoObjects());
        request = Request(obj);
        await chain.MutateAsync(request, CancellationToken.None);
        var error = await Assert.ThrowsAsync<StatusException>(() => chain.ValidateAsync(request, CancellationToken.None).AsTask());
        Assert.Equal(422, error.Code);
        Assert.Contains("red widgets are at most 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plugin_takes_part_only_in_the_phases_it_implements()
    {
        var validates = new OnlyValidates();
        var chain = new AdmissionChain([validates], new NoObjects());
        var request = Request((JsonObject)JsonNode.Parse("""{"metadata":{"name":"w"},"spec":{"size":1}}""")!);

        await chain.MutateAsync(request, CancellationToken.None);
        Assert.Equal(0, validates.Calls);
        await chain.ValidateAsync(request, CancellationToken.None);
        Assert.Equal(1, validates.Calls);
    }

    private sealed class Painter : IAdmissionPlugin
    {
        public string Name => "Painter";

        public ValueTask MutateAsync(AdmissionRequest request, CancellationToken cancellationToken)
        {
            request.Object["spec"]!["color"] = "Red";
            return ValueTask.CompletedTask;
        }
    }

    private sealed class OnlyValidates : IAdmissionPlugin
    {
        public int Calls { get; private set; }

        public string Name => "OnlyValidates";

        public ValueTask ValidateAsync(AdmissionRequest request, CancellationToken cancellationToken)
        {
            Calls++;
            return ValueTask.CompletedTask;
        }
    }

    private sealed class NoObjects : IObjectReader
    {
        public ValueTask<IReadOnlyList<JsonObject>> ListAsync(string group, string resource, string? @namespace = null, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IReadOnlyList<JsonObject>>([]);

        public ValueTask<JsonObject?> GetAsync(string group, string resource, string? @namespace, string name, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<JsonObject?>(null);
    }
}

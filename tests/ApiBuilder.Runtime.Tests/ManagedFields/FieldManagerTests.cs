using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.ManagedFields;
using Xunit;
using static ApiBuilder.Runtime.Tests.ManagedFields.TestTypes;

namespace ApiBuilder.Runtime.Tests.ManagedFields;

/// <summary>Field ownership as Kubernetes documents it for server-side apply (restated, not copied).</summary>
public sealed class FieldManagerTests
{
    private const string T1 = "2024-01-01T00:00:00Z";
    private const string T2 = "2024-01-01T00:00:01Z";
    private readonly FieldManager manager = Manager();

    private static JsonObject Widget(string spec, string metadata = """{"name":"w","namespace":"default"}""") =>
        Obj($$"""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{{metadata}},"spec":{{spec}}}""");

    private static JsonArray Entries(JsonObject obj) => obj["metadata"]!["managedFields"]!.AsArray();

    private static JsonObject Entry(JsonObject obj, string name, string operation = "Apply") =>
        Entries(obj).Select(e => e!.AsObject()).Single(e => (string)e["manager"]! == name && (string)e["operation"]! == operation);

    private static string FieldsOf(JsonObject obj, string name, string operation = "Apply") =>
        Entry(obj, name, operation)["fieldsV1"]!.ToJsonString(Relaxed);

    private JsonObject Created(string spec, string who = "creator", string metadata = """{"name":"w","namespace":"default","uid":"u"}""")
    {
        var obj = Widget(spec, metadata);
        manager.Update(null, obj, who, "", T1);
        return obj;
    }

    [Fact]
    public void A_create_records_the_creator_s_fields_without_identity_metadata()
    {
        var obj = Created("""{"replicas":1}""", metadata: """{"name":"w","namespace":"default","uid":"u","labels":{"app":"a"}}""");

        var entry = Assert.Single(Entries(obj))!.AsObject();
        Assert.Equal(
            """{"manager":"creator","operation":"Update","apiVersion":"example.com/v1","time":"2024-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{".":{},"f:replicas":{}}}}""",
            entry.ToJsonString());
    }

    [Fact]
    public void An_update_takes_the_fields_it_changes_from_their_previous_manager()
    {
        var live = Created("""{"replicas":1,"image":"a"}""");
        var next = (JsonObject)live.DeepClone();
        next["spec"]!["image"] = "b";

        manager.Update(live, next, "editor", "", T2);

        Assert.Equal("""{"f:spec":{".":{},"f:replicas":{}}}""", FieldsOf(next, "creator", "Update"));
        Assert.Equal("""{"f:spec":{"f:image":{}}}""", FieldsOf(next, "editor", "Update"));
        Assert.Equal(T2, (string)Entry(next, "editor", "Update")["time"]!);
    }

    [Fact]
    public void An_update_that_changes_nothing_leaves_managedFields_alone()
    {
        var live = Created("""{"replicas":1}""");
        var next = (JsonObject)live.DeepClone();

        manager.Update(live, next, "other", "", T2);

        Assert.True(JsonNode.DeepEquals(live, next));
    }

    [Fact]
    public void ManagedFields_sent_empty_reset_them_and_when_left_out_they_are_kept()
    {
        var live = Created("""{"replicas":1}""");
        var kept = (JsonObject)live.DeepClone();
        kept["metadata"]!.AsObject().Remove("managedFields");
        manager.Update(live, kept, "x", "", T2);
        Assert.Single(Entries(kept));

        var reset = (JsonObject)live.DeepClone();
        reset["metadata"]!["managedFields"] = new JsonArray();
        manager.Update(live, reset, "x", "", T2);
        Assert.Null(reset["metadata"]!["managedFields"]);
    }

    [Fact]
    public void Two_appliers_of_the_same_value_share_the_field()
    {
        var first = manager.Apply(null, Widget("""{"replicas":2}"""), "a", "", force: false, T1);
        var second = manager.Apply(first, Widget("""{"replicas":2}"""), "b", "", force: false, T2);

        Assert.Equal("""{"f:spec":{"f:replicas":{}}}""", FieldsOf(second, "a"));
        Assert.Equal("""{"f:spec":{"f:replicas":{}}}""", FieldsOf(second, "b"));
        // Nothing changed in the object: the second applier's entry has no time.
        Assert.Null(Entry(second, "b")["time"]);
    }

    [Fact]
    public void Applying_a_different_value_of_another_manager_s_field_is_a_conflict()
    {
        var live = Created("""{"replicas":1,"image":"a"}""", who: "kubectl-edit");

        var e = Assert.Throws<StatusException>(() => manager.Apply(live, Widget("""{"replicas":5}"""), "ci", "", force: false, T2));

        Assert.Equal(409, e.Code);
        Assert.Equal("Conflict", e.Reason);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl-edit\" using example.com/v1: .spec.replicas", e.Status.Message);
        var cause = Assert.Single(e.Status.Details!.Causes);
        Assert.Equal(new StatusCause("FieldManagerConflict", "conflict with \"kubectl-edit\" using example.com/v1", ".spec.replicas"), cause);
    }

    [Fact]
    public void Several_conflicts_are_listed_per_manager()
    {
        var live = Created("""{"replicas":1,"image":"a"}""", who: "one");
        live = manager.Apply(live, Widget("""{"tags":["x"]}"""), "two", "", force: false, T1);

        var e = Assert.Throws<StatusException>(() =>
            manager.Apply(live, Widget("""{"replicas":5,"image":"b","tags":["x","y"]}"""), "ci", "", force: false, T2));
        // The set item "x" is shared, "y" is new: only the fields of "one" conflict.
        Assert.Equal("Apply failed with 2 conflicts: conflicts with \"one\" using example.com/v1:\n- .spec.image\n- .spec.replicas", e.Status.Message);
    }

    [Fact]
    public void Forcing_takes_the_fields_from_their_managers()
    {
        var live = Created("""{"replicas":1,"image":"a"}""", who: "kubectl-edit");

        var result = manager.Apply(live, Widget("""{"replicas":5}"""), "ci", "", force: true, T2);

        Assert.Equal(5, (int)result["spec"]!["replicas"]!);
        Assert.Equal("""{"f:spec":{".":{},"f:image":{}}}""", FieldsOf(result, "kubectl-edit", "Update"));
        Assert.Equal("""{"f:spec":{"f:replicas":{}}}""", FieldsOf(result, "ci"));
    }

    [Fact]
    public void A_field_no_longer_applied_is_removed_unless_someone_else_owns_it()
    {
        var v1 = manager.Apply(null, Widget("""{"replicas":1,"image":"a","tags":["x","y"]}"""), "a", "", force: false, T1);
        var shared = manager.Apply(v1, Widget("""{"image":"a"}"""), "b", "", force: false, T1);

        var v2 = manager.Apply(shared, Widget("""{"tags":["x"]}"""), "a", "", force: false, T2);

        Assert.Equal("""{"image":"a","tags":["x"]}""", v2["spec"]!.ToJsonString());
        Assert.Equal("""{"f:spec":{"f:tags":{"v:\"x\"":{}}}}""", FieldsOf(v2, "a"));
        Assert.Equal("""{"f:spec":{"f:image":{}}}""", FieldsOf(v2, "b"));
    }

    [Fact]
    public void A_list_item_no_longer_applied_is_removed_and_other_items_merge_by_key()
    {
        var v1 = manager.Apply(null, Widget("""{"containers":[{"name":"a","image":"1"},{"name":"b","image":"2"}]}"""), "app", "", force: false, T1);
        var sidecar = manager.Apply(v1, Widget("""{"containers":[{"name":"s","image":"3"}]}"""), "mesh", "", force: false, T1);

        var v2 = manager.Apply(sidecar, Widget("""{"containers":[{"name":"b","image":"2b"}]}"""), "app", "", force: false, T2);

        Assert.Equal("""[{"name":"b","image":"2b"},{"name":"s","image":"3"}]""", v2["spec"]!["containers"]!.ToJsonString());
    }

    [Fact]
    public void Fields_nobody_applied_survive_an_apply_that_drops_its_own()
    {
        var live = Created("""{"replicas":1}""");
        live = manager.Apply(live, Widget("""{"image":"a"}"""), "a", "", force: false, T1);
        var defaulted = (JsonObject)live.DeepClone();
        defaulted["spec"]!["args"] = new JsonArray("default");
        defaulted["metadata"]!.AsObject().Remove("managedFields");
        defaulted["metadata"]!["managedFields"] = live["metadata"]!["managedFields"]!.DeepClone();

        var result = manager.Apply(defaulted, Widget("{}"), "a", "", force: false, T2);

        Assert.Equal("""{"replicas":1,"args":["default"]}""", result["spec"]!.ToJsonString());
    }

    [Fact]
    public void An_atomic_map_is_replaced_whole_and_a_granular_map_merges()
    {
        var live = manager.Apply(null, Widget("""{"selector":{"app":"a","tier":"t"}}""", """{"name":"w","labels":{"x":"1"}}"""), "a", "", force: false, T1);

        var result = manager.Apply(live, Widget("""{"selector":{"app":"b"}}""", """{"name":"w","labels":{"y":"2"}}"""), "b", "", force: true, T2);

        Assert.Equal("""{"app":"b"}""", result["spec"]!["selector"]!.ToJsonString());
        Assert.Equal("""{"x":"1","y":"2"}""", result["metadata"]!["labels"]!.ToJsonString());
    }

    [Fact]
    public void An_apply_to_status_owns_status_only_and_the_resource_s_appliers_never_own_status()
    {
        var statusful = Manager(statusSubresource: true);
        var live = statusful.Apply(null, Obj("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"image":"a"},"status":{"phase":"x"}}"""), "a", "", force: false, T1);
        Assert.Equal("""{"f:spec":{"f:image":{}}}""", FieldsOf(live, "a"));

        var status = statusful.Apply(live, Obj("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"image":"z"},"status":{"phase":"Ready"}}"""), "ctl", "status", force: false, T2);

        var entry = Entry(status, "ctl");
        Assert.Equal("status", (string)entry["subresource"]!);
        Assert.Equal("""{"f:status":{"f:phase":{}}}""", entry["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public void Kubectl_may_take_over_fields_its_client_side_apply_set()
    {
        var lastApplied = """{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"image":"a"}}""";
        var live = Created("""{"image":"a"}""", who: "kubectl-client-side-apply",
            metadata: new JsonObject { ["name"] = "w", ["annotations"] = new JsonObject { ["kubectl.kubernetes.io/last-applied-configuration"] = lastApplied } }.ToJsonString());

        var result = manager.Apply(live, Widget("""{"image":"b"}""", """{"name":"w"}"""), "kubectl", "", force: false, T2);
        Assert.Equal("b", (string)result["spec"]!["image"]!);
        Assert.Contains("\"image\":\"b\"", (string)result["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]!);

        // Another manager name gets the conflict.
        Assert.Throws<StatusException>(() => manager.Apply(live, Widget("""{"image":"b"}"""), "other", "", force: false, T2));
    }

    [Fact]
    public void Update_managers_beyond_ten_are_merged_into_ancient_changes()
    {
        var obj = Created("""{"replicas":0}""");
        for (var i = 1; i <= 11; i++)
        {
            var next = (JsonObject)obj.DeepClone();
            next["spec"]![$"f{i}"] = i;
            next["metadata"]!["labels"] = new JsonObject { [$"l{i}"] = "x" };
            manager.Update(obj, next, $"m{i:00}", "", $"2024-01-01T00:00:{i:00}Z");
            obj = next;
        }

        var managers = Entries(obj).Select(e => (string)e!["manager"]!).ToList();
        Assert.Equal(10, managers.Count);
        Assert.Contains("ancient-changes", managers);
    }

    [Fact]
    public void Entries_are_ordered_apply_first_then_by_time()
    {
        var obj = Created("""{"replicas":1}""", who: "z");
        obj = manager.Apply(obj, Widget("""{"image":"a"}"""), "b", "", force: false, T2);

        Assert.Equal(["b", "z"], Entries(obj).Select(e => (string)e!["manager"]!));
    }
}

using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Registry;
using static ApiBuilder.Runtime.Tests.Registry.TestResources;

namespace ApiBuilder.Runtime.Tests.Registry;

public sealed class ResourceStoreTests
{
    [Fact]
    public async Task Create_sets_server_owned_metadata_and_defaults()
    {
        var store = Store();
        var created = await store.CreateAsync("ns1", Widget("w1"), Context(), default);
        var meta = created["metadata"]!;
        Assert.Equal("ns1", meta["namespace"]!.GetValue<string>());
        Assert.True(Guid.TryParse(meta["uid"]!.GetValue<string>(), out _));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", meta["creationTimestamp"]!.GetValue<string>());
        Assert.Equal(1, meta["generation"]!.GetValue<long>());
        Assert.Equal("1", meta["resourceVersion"]!.GetValue<string>());
        Assert.Equal("red", created["spec"]!["color"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_drops_status_when_the_status_subresource_owns_it()
    {
        var store = Store();
        var created = await store.CreateAsync("ns1", Widget("w1", extra: new JsonObject { ["status"] = new JsonObject { ["phase"] = "Done" } }), Context(), default);
        Assert.Null(created["status"]);
    }

    [Fact]
    public async Task Dry_run_create_returns_the_object_without_storing_it()
    {
        var store = Store();
        var created = await store.CreateAsync("ns1", Widget("w1"), Context(dryRun: true), default);
        Assert.Equal("w1", created["metadata"]!["name"]!.GetValue<string>());
        Assert.Null(created["metadata"]!["resourceVersion"]);
        var error = await Assert.ThrowsAsync<StatusException>(() => store.GetAsync("ns1", "w1", default).AsTask());
        Assert.Equal(404, error.Code);
    }

    [Fact]
    public async Task Generate_name_appends_five_characters()
    {
        var store = Store();
        var body = Widget("");
        body["metadata"]!.AsObject().Remove("name");
        body["metadata"]!["generateName"] = "gen-";
        var created = await store.CreateAsync("ns1", body, Context(), default);
        Assert.Matches("^gen-[a-z0-9]{5}$", created["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Creating_an_existing_name_is_AlreadyExists()
    {
        var store = Store();
        await store.CreateAsync("ns1", Widget("w1"), Context(), default);
        var error = await Assert.ThrowsAsync<StatusException>(() => store.CreateAsync("ns1", Widget("w1"), Context(), default).AsTask());
        Assert.Equal(409, error.Code);
        Assert.Equal("AlreadyExists", error.Reason);
        Assert.Equal("widgets.test.example.com \"w1\" already exists", error.Status.Message);
    }

    [Theory]
    [InlineData("Bad_Name", "metadata.name")]
    [InlineData("ok", "spec.size")]
    public async Task Invalid_objects_are_refused_with_field_causes(string name, string field)
    {
        var store = Store();
        var error = await Assert.ThrowsAsync<StatusException>(() => store.CreateAsync("ns1", Widget(name, size: 0), Context(), default).AsTask());
        Assert.Equal(422, error.Code);
        Assert.Equal("Invalid", error.Reason);
        Assert.Contains(error.Status.Details!.Causes, c => c.Field == field);
        Assert.Equal("Widget", error.Status.Details.Kind);
    }

    [Fact]
    public async Task Strict_field_validation_refuses_unknown_fields_and_Warn_reports_them()
    {
        var store = Store();
        var body = Widget("w1");
        body["spec"]!["bogus"] = 1;
        var strict = await Assert.ThrowsAsync<StatusException>(() => store.CreateAsync("ns1", (JsonObject)body.DeepClone(), Context(), default).AsTask());
        Assert.Equal(400, strict.Code);
        Assert.Contains("unknown field \"spec.bogus\"", strict.Status.Message);

        var warn = Context(FieldValidation.Warn);
        var created = await store.CreateAsync("ns1", (JsonObject)body.DeepClone(), warn, default);
        Assert.Equal(["unknown field \"spec.bogus\""], warn.Warnings);
        Assert.Null(created["spec"]!["bogus"]);
    }

    [Fact]
    public async Task Update_with_a_stale_resource_version_is_a_Conflict_and_changes_nothing()
    {
        var store = Store();
        var created = await store.CreateAsync("ns1", Widget("w1"), Context(), default);
        var update = (JsonObject)created.DeepClone();
        update["spec"]!["size"] = 2;
        await store.UpdateAsync("ns1", "w1", Replace(update), Context(), default);
        update["spec"]!["size"] = 3;
        var error = await Assert.ThrowsAsync<StatusException>(() => store.UpdateAsync("ns1", "w1", Replace(update), Context(), default).AsTask());
        Assert.Equal(409, error.Code);
        Assert.Equal("Conflict", error.Reason);
        Assert.Equal(2, (await store.GetAsync("ns1", "w1", default)).Value["spec"]!["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task Generation_increases_on_spec_changes_only()
    {
        var store = Store();
        await store.CreateAsync("ns1", Widget("w1"), Context(), default);
        var labelled = await store.UpdateAsync("ns1", "w1", Merge("""{"metadata":{"labels":{"a":"b"}}}"""), Context(), default);
        Assert.Equal(1, labelled["metadata"]!["generation"]!.GetValue<long>());
        var resized = await store.UpdateAsync("ns1", "w1", Merge("""{"spec":{"size":7}}"""), Context(), default);
        Assert.Equal(2, resized["metadata"]!["generation"]!.GetValue<long>());
        var status = await store.UpdateAsync("ns1", "w1", Merge("""{"status":{"phase":"Done"}}""", "status"), Context(), default);
        Assert.Equal(2, status["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task Status_and_spec_are_written_through_their_own_endpoints()
    {
        var store = Store();
        await store.CreateAsync("ns1", Widget("w1"), Context(), default);
        var mainWithStatus = await store.UpdateAsync("ns1", "w1", Merge("""{"status":{"phase":"Ignored"},"spec":{"size":2}}"""), Context(), default);
        Assert.Null(mainWithStatus["status"]);
        Assert.Equal(2, mainWithStatus["spec"]!["size"]!.GetValue<int>());

        var statusWithSpec = await store.UpdateAsync("ns1", "w1", Merge("""{"status":{"phase":"Done"},"spec":{"size":9},"metadata":{"labels":{"x":"y"}}}""", "status"), Context(), default);
        Assert.Equal("Done", statusWithSpec["status"]!["phase"]!.GetValue<string>());
        Assert.Equal(2, statusWithSpec["spec"]!["size"]!.GetValue<int>());
        Assert.Null(statusWithSpec["metadata"]!["labels"]);
    }

    [Fact]
    public async Task A_no_op_update_does_not_write()
    {
        var store = Store();
        var created = await store.CreateAsync("ns1", Widget("w1"), Context(), default);
        var same = await store.UpdateAsync("ns1", "w1", Merge("""{"spec":{"size":1}}"""), Context(), default);
        Assert.Equal(created["metadata"]!["resourceVersion"]!.GetValue<string>(), same["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Server_owned_fields_cannot_be_changed()
    {
        var store = Store();
        var created = await store.CreateAsync("ns1", Widget("w1"), Context(), default);
        var body = (JsonObject)created.DeepClone();
        body["metadata"]!["uid"] = Guid.NewGuid().ToString();
        var error = await Assert.ThrowsAsync<StatusException>(() => store.UpdateAsync("ns1", "w1", Replace(body), Context(), default).AsTask());
        Assert.Equal(422, error.Code);
        Assert.Contains(error.Status.Details!.Causes, c => c.Field == "metadata.uid");

        body = (JsonObject)created.DeepClone();
        body["metadata"]!["creationTimestamp"] = "2000-01-01T00:00:00Z";
        body["metadata"]!["generation"] = 99;
        var updated = await store.UpdateAsync("ns1", "w1", Replace(body), Context(), default);
        Assert.Equal(created["metadata"]!["creationTimestamp"]!.GetValue<string>(), updated["metadata"]!["creationTimestamp"]!.GetValue<string>());
        Assert.Equal(1, updated["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task Finalizers_delay_deletion_until_they_are_removed()
    {
        var store = Store();
        var body = Widget("w1");
        body["metadata"]!["finalizers"] = new JsonArray("example.com/cleanup");
        await store.CreateAsync("ns1", body, Context(), default);

        var first = await store.DeleteAsync("ns1", "w1", new DeleteOptions(), Context(), default);
        Assert.False(first.Deleted);
        Assert.NotNull(first.Object["metadata"]!["deletionTimestamp"]);

        var addFinalizer = await Assert.ThrowsAsync<StatusException>(() => store.UpdateAsync("ns1", "w1",
            Merge("""{"metadata":{"finalizers":["example.com/cleanup","example.com/other"]}}"""), Context(), default).AsTask());
        Assert.Equal(422, addFinalizer.Code);

        await store.UpdateAsync("ns1", "w1", Merge("""{"metadata":{"finalizers":null}}"""), Context(), default);
        var gone = await Assert.ThrowsAsync<StatusException>(() => store.GetAsync("ns1", "w1", default).AsTask());
        Assert.Equal(404, gone.Code);
    }

    [Fact]
    public async Task Delete_preconditions_are_checked()
    {
        var store = Store();
        await store.CreateAsync("ns1", Widget("w1"), Context(), default);
        var error = await Assert.ThrowsAsync<StatusException>(() =>
            store.DeleteAsync("ns1", "w1", new DeleteOptions { PreconditionUid = "wrong" }, Context(), default).AsTask());
        Assert.Equal(409, error.Code);
        Assert.Contains("Precondition failed: UID in precondition: wrong", error.Status.Message);
        Assert.True((await store.DeleteAsync("ns1", "w1", new DeleteOptions(), Context(), default)).Deleted);
    }

    [Fact]
    public async Task List_pages_keep_one_resource_version_and_a_too_new_version_is_a_timeout()
    {
        var store = Store();
        foreach (var name in new[] { "a", "b", "c" })
        {
            await store.CreateAsync("ns1", Widget(name), Context(), default);
        }

        var first = await store.ListAsync("ns1", new ListOptions { Limit = 2 }, default);
        await store.CreateAsync("ns1", Widget("d"), Context(), default);
        var second = await store.ListAsync("ns1", new ListOptions { Limit = 2, Continue = first.Continue }, default);
        Assert.Equal(["a", "b"], first.Items.Select(i => i.Value["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal(["c"], second.Items.Select(i => i.Value["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal(first.Revision, second.Revision);
        Assert.Null(second.Continue);

        var tooNew = await Assert.ThrowsAsync<StatusException>(() => store.ListAsync("ns1", new ListOptions { ResourceVersion = "999", Revision = 999 }, default).AsTask());
        Assert.Equal(504, tooNew.Code);
    }
}

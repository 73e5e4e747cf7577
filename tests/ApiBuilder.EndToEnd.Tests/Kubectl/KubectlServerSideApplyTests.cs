using System.Text.Json.Nodes;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Kubectl;

/// <summary>kubectl apply --server-side: field ownership, conflicts, removal, migration from client-side apply, status, diff.</summary>
[Collection(KubectlCollection.Name)]
public sealed class KubectlServerSideApplyTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    private Task<KubectlResult> ApplyAsync(string manifest, params string[] extra) =>
        server.Kubectl.RunWithInputAsync(manifest, ["apply", "--server-side", "-f", "-", .. extra]);

    private Task<string> JsonPathAsync(string name, string path) => KubectlQueries.JsonPathAsync(server, ns, name, path);

    private async Task<JsonArray> ManagedFieldsAsync(string name)
    {
        var result = (await server.Kubectl.RunAsync("get", "flunder", name, "-n", ns, "-o", "json", "--show-managed-fields")).ShouldSucceed();
        return JsonNode.Parse(result.Stdout)!["metadata"]!["managedFields"]!.AsArray();
    }

    private static JsonObject Entry(JsonArray entries, string manager, string operation) =>
        entries.Select(e => e!.AsObject()).Single(e => (string)e["manager"]! == manager && (string)e["operation"]! == operation);

    [Fact]
    public async Task Apply_creates_the_object_and_records_the_applier_s_fields()
    {
        (await ApplyAsync(Manifests.Flunder("ssa-new", ns, "first", labels: "{app: web}"))).ShouldSucceed()
            .StdoutShouldContain("flunder.wardle.example.com/ssa-new serverside-applied");

        var entry = Entry(await ManagedFieldsAsync("ssa-new"), "kubectl", "Apply");
        Assert.Equal("wardle.example.com/v1alpha1", (string)entry["apiVersion"]!);
        Assert.Equal("FieldsV1", (string)entry["fieldsType"]!);
        Assert.Equal("""{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:reference":{}}}""", entry["fieldsV1"]!.ToJsonString());
        Assert.NotNull(entry["time"]);
    }

    [Fact]
    public async Task Two_managers_share_a_field_with_the_same_value_and_conflict_over_a_different_one()
    {
        (await ApplyAsync(Manifests.Flunder("ssa-two", ns, "shared"), "--field-manager", "team-a")).ShouldSucceed();
        (await ApplyAsync(Manifests.Flunder("ssa-two", ns, "shared"), "--field-manager", "team-b")).ShouldSucceed();
        var entries = await ManagedFieldsAsync("ssa-two");
        Assert.Equal(Entry(entries, "team-a", "Apply")["fieldsV1"]!.ToJsonString(), Entry(entries, "team-b", "Apply")["fieldsV1"]!.ToJsonString());

        (await ApplyAsync(Manifests.Flunder("ssa-two", ns, "mine"), "--field-manager", "team-b"))
            .ShouldFailWith("Apply failed with 1 conflict: conflict with \"team-a\": .spec.reference");
        Assert.Equal("shared", await JsonPathAsync("ssa-two", "{.spec.reference}"));
    }

    [Fact]
    public async Task A_field_changed_by_kubectl_patch_conflicts_until_forced()
    {
        (await ApplyAsync(Manifests.Flunder("ssa-force", ns, "applied"))).ShouldSucceed();
        (await server.Kubectl.RunAsync("patch", "flunder", "ssa-force", "-n", ns, "--type", "merge", "-p", """{"spec":{"reference":"patched"}}""")).ShouldSucceed();

        (await ApplyAsync(Manifests.Flunder("ssa-force", ns, "applied")))
            .ShouldFailWith("Apply failed with 1 conflict: conflict with \"kubectl-patch\" using wardle.example.com/v1beta1: .spec.reference")
            .ShouldFailWith("--force-conflicts");
        Assert.Equal("patched", await JsonPathAsync("ssa-force", "{.spec.reference}"));

        (await ApplyAsync(Manifests.Flunder("ssa-force", ns, "applied"), "--force-conflicts")).ShouldSucceed();
        Assert.Equal("applied", await JsonPathAsync("ssa-force", "{.spec.reference}"));
        var entries = await ManagedFieldsAsync("ssa-force");
        Assert.DoesNotContain(entries, e => (string)e!["manager"]! == "kubectl-patch");
    }

    [Fact]
    public async Task A_field_no_longer_applied_is_removed()
    {
        (await ApplyAsync(Manifests.Flunder("ssa-remove", ns, "r", labels: "{app: web, tier: db}"))).ShouldSucceed();

        (await ApplyAsync(Manifests.Flunder("ssa-remove", ns, "r", labels: "{app: web}"))).ShouldSucceed();

        Assert.Equal("""{"app":"web"}""", await JsonPathAsync("ssa-remove", "{.metadata.labels}"));
    }

    [Fact]
    public async Task A_label_another_manager_added_stays_when_the_applier_drops_its_own()
    {
        (await ApplyAsync(Manifests.Flunder("ssa-keep", ns, "r", labels: "{app: web}"))).ShouldSucceed();
        (await server.Kubectl.RunAsync("label", "flunder", "ssa-keep", "-n", ns, "team=x")).ShouldSucceed();

        (await ApplyAsync(Manifests.Flunder("ssa-keep", ns, "r"))).ShouldSucceed();

        Assert.Equal("""{"team":"x"}""", await JsonPathAsync("ssa-keep", "{.metadata.labels}"));
        Assert.Contains("f:team", Entry(await ManagedFieldsAsync("ssa-keep"), "kubectl-label", "Update")["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public async Task Server_side_apply_takes_over_an_object_created_by_client_side_apply()
    {
        (await server.Kubectl.RunWithInputAsync(Manifests.Flunder("ssa-migrate", ns, "csa", labels: "{app: web}"), "apply", "-f", "-")).ShouldSucceed();
        Assert.Contains("f:app", Entry(await ManagedFieldsAsync("ssa-migrate"), "kubectl-client-side-apply", "Update")["fieldsV1"]!.ToJsonString());

        (await ApplyAsync(Manifests.Flunder("ssa-migrate", ns, "ssa"))).ShouldSucceed();

        Assert.Equal("ssa", await JsonPathAsync("ssa-migrate", "{.spec.reference}"));
        // The label applied only client-side is gone: its ownership moved to the server-side applier.
        Assert.Equal("", await JsonPathAsync("ssa-migrate", "{.metadata.labels.app}"));
        var lastApplied = await JsonPathAsync("ssa-migrate", "{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}");
        Assert.Contains("\"reference\":\"ssa\"", lastApplied);
        var entries = await ManagedFieldsAsync("ssa-migrate");
        Assert.DoesNotContain(entries, e => (string)e!["manager"]! == "kubectl-client-side-apply" && ((JsonObject)e["fieldsV1"]!).ToJsonString().Contains("f:spec", StringComparison.Ordinal));

        // Client-side apply still works afterwards.
        (await server.Kubectl.RunWithInputAsync(Manifests.Flunder("ssa-migrate", ns, "csa-again"), "apply", "-f", "-")).ShouldSucceed();
        Assert.Equal("csa-again", await JsonPathAsync("ssa-migrate", "{.spec.reference}"));
    }

    [Fact]
    public async Task Apply_to_the_status_subresource_owns_status_under_its_own_entry()
    {
        (await ApplyAsync(Manifests.Flunder("ssa-status", ns, "s"))).ShouldSucceed();
        var status = $"""
            apiVersion: wardle.example.com/v1alpha1
            kind: Flunder
            metadata: {"{"}name: ssa-status, namespace: {ns}{"}"}
            status: {"{"}phase: Applied{"}"}
            """;

        (await server.Kubectl.RunWithInputAsync(status, "apply", "--server-side", "--subresource", "status", "--field-manager", "status-writer", "-f", "-")).ShouldSucceed();

        Assert.Equal("Applied", await JsonPathAsync("ssa-status", "{.status.phase}"));
        var entry = Entry(await ManagedFieldsAsync("ssa-status"), "status-writer", "Apply");
        Assert.Equal("status", (string)entry["subresource"]!);
        Assert.Equal("""{"f:status":{"f:phase":{}}}""", entry["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public async Task Diff_server_side_shows_the_change_and_changes_nothing()
    {
        (await ApplyAsync(Manifests.Flunder("ssa-diff", ns, "before"))).ShouldSucceed();

        var diff = await server.Kubectl.RunWithInputAsync(Manifests.Flunder("ssa-diff", ns, "after"), "diff", "--server-side", "-f", "-");

        Assert.Equal(1, diff.ExitCode);
        Assert.Contains("-  reference: before", diff.Stdout);
        Assert.Contains("+  reference: after", diff.Stdout);
        Assert.Equal("before", await JsonPathAsync("ssa-diff", "{.spec.reference}"));
    }

    [Fact]
    public async Task Dry_run_apply_changes_nothing()
    {
        (await ApplyAsync(Manifests.Flunder("ssa-dry", ns, "before"))).ShouldSucceed();

        (await ApplyAsync(Manifests.Flunder("ssa-dry", ns, "after"), "--dry-run=server", "-o", "jsonpath={.spec.reference}")).ShouldSucceed()
            .StdoutShouldContain("after");

        Assert.Equal("before", await JsonPathAsync("ssa-dry", "{.spec.reference}"));
    }

    [Fact]
    public async Task Kubectl_edit_label_and_patch_keep_working_on_an_applied_object()
    {
        (await ApplyAsync(Manifests.Flunder("ssa-then-edit", ns, "before-edit"))).ShouldSucceed();
        var editor = server.Kubectl.WriteFile("ssa-editor.sh", "#!/bin/sh\nsed -i 's/reference: before-edit/reference: after-edit/' \"$1\"\n");

        (await server.Kubectl.RunAsync(new KubectlInvocation(["edit", "flunder", "ssa-then-edit", "-n", ns])
        {
            Environment = new Dictionary<string, string> { ["KUBE_EDITOR"] = $"sh {editor}" },
        })).ShouldSucceed();
        (await server.Kubectl.RunAsync("label", "flunder", "ssa-then-edit", "-n", ns, "edited=yes")).ShouldSucceed();
        (await server.Kubectl.RunAsync("patch", "flunder", "ssa-then-edit", "-n", ns, "--type", "json",
            "-p", """[{"op":"add","path":"/metadata/annotations","value":{"note":"x"}}]""")).ShouldSucceed();

        Assert.Equal("after-edit", await JsonPathAsync("ssa-then-edit", "{.spec.reference}"));
        var entries = await ManagedFieldsAsync("ssa-then-edit");
        Assert.Contains("f:reference", Entry(entries, "kubectl-edit", "Update")["fieldsV1"]!.ToJsonString());
        Assert.Contains("f:edited", Entry(entries, "kubectl-label", "Update")["fieldsV1"]!.ToJsonString());
        Assert.Contains("f:note", Entry(entries, "kubectl-patch", "Update")["fieldsV1"]!.ToJsonString());
        // The applier owned only spec.reference, which kubectl edit took over: its entry is gone.
        Assert.DoesNotContain(entries, e => (string)e!["manager"]! == "kubectl" && (string)e["operation"]! == "Apply");
    }
}

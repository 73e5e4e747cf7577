using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Kubectl;

/// <summary>The kubectl verbs that change an existing object: label, annotate, edit, patch, replace, diff.</summary>
[Collection(KubectlCollection.Name)]
public sealed class KubectlUpdateTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    private async Task CreateAsync(string name, string reference = "original") =>
        (await server.Kubectl.RunWithInputAsync(Manifests.Flunder(name, ns, reference), "create", "-f", "-")).ShouldSucceed();

    private Task<string> JsonPathAsync(string name, string path) => KubectlQueries.JsonPathAsync(server, ns, name, path);

    [Fact]
    public async Task Label_adds_overwrites_and_removes_a_label()
    {
        await CreateAsync("to-label");

        (await server.Kubectl.RunAsync("label", "flunder", "to-label", "-n", ns, "app=web")).ShouldSucceed()
            .StdoutShouldContain("flunder.wardle.example.com/to-label labeled");
        Assert.Equal("web", await JsonPathAsync("to-label", "{.metadata.labels.app}"));

        (await server.Kubectl.RunAsync("label", "flunder", "to-label", "-n", ns, "app=db"))
            .ShouldFailWith("'app' already has a value (web), and --overwrite is false");
        (await server.Kubectl.RunAsync("label", "flunder", "to-label", "-n", ns, "app=db", "--overwrite")).ShouldSucceed();
        Assert.Equal("db", await JsonPathAsync("to-label", "{.metadata.labels.app}"));

        (await server.Kubectl.RunAsync("label", "flunder", "to-label", "-n", ns, "app-")).ShouldSucceed()
            .StdoutShouldContain("flunder.wardle.example.com/to-label unlabeled");
        Assert.Equal("", await JsonPathAsync("to-label", "{.metadata.labels.app}"));
    }

    [Fact]
    public async Task Annotate_sets_an_annotation()
    {
        await CreateAsync("to-annotate");

        (await server.Kubectl.RunAsync("annotate", "flunder", "to-annotate", "-n", ns, "example.com/note=hello world")).ShouldSucceed()
            .StdoutShouldContain("flunder.wardle.example.com/to-annotate annotated");

        Assert.Equal("hello world", await JsonPathAsync("to-annotate", "{.metadata.annotations.example\\.com/note}"));
    }

    [Fact]
    public async Task Edit_with_a_scripted_editor_saves_the_change()
    {
        await CreateAsync("to-edit", "before-edit");
        // kubectl splits an editor command without quotes on spaces and appends the file to edit.
        var editor = server.Kubectl.WriteFile("editor.sh", "#!/bin/sh\nsed -i 's/reference: before-edit/reference: after-edit/' \"$1\"\n");

        (await server.Kubectl.RunAsync(new KubectlInvocation(["edit", "flunder", "to-edit", "-n", ns])
        {
            Environment = new Dictionary<string, string> { ["KUBE_EDITOR"] = $"sh {editor}" },
        })).ShouldSucceed().StdoutShouldContain("flunder.wardle.example.com/to-edit edited");

        Assert.Equal("after-edit", await JsonPathAsync("to-edit", "{.spec.reference}"));
        Assert.Equal("2", await JsonPathAsync("to-edit", "{.metadata.generation}"));
    }

    [Fact]
    public async Task Patch_type_merge_changes_the_spec()
    {
        await CreateAsync("merge-patched");

        (await server.Kubectl.RunAsync("patch", "flunder", "merge-patched", "-n", ns, "--type", "merge", "-p", """{"spec":{"reference":"merged"}}""")).ShouldSucceed()
            .StdoutShouldContain("flunder.wardle.example.com/merge-patched patched");

        Assert.Equal("merged", await JsonPathAsync("merge-patched", "{.spec.reference}"));
    }

    [Fact]
    public async Task Patch_type_json_changes_the_spec()
    {
        await CreateAsync("json-patched");

        (await server.Kubectl.RunAsync("patch", "flunder", "json-patched", "-n", ns, "--type", "json",
            "-p", """[{"op":"replace","path":"/spec/reference","value":"json"},{"op":"add","path":"/metadata/labels","value":{"via":"json"}}]""")).ShouldSucceed()
            .StdoutShouldContain("flunder.wardle.example.com/json-patched patched");

        Assert.Equal("json", await JsonPathAsync("json-patched", "{.spec.reference}"));
        Assert.Equal("json", await JsonPathAsync("json-patched", "{.metadata.labels.via}"));
    }

    [Fact]
    public async Task Patch_with_the_default_strategic_type_merges_the_fields_given()
    {
        await CreateAsync("strategic");

        (await server.Kubectl.RunAsync("patch", "flunder", "strategic", "-n", ns, "-p", """{"spec":{"reference":"smp"},"metadata":{"labels":{"via":"smp"}}}"""))
            .ShouldSucceed().StdoutShouldContain("flunder.wardle.example.com/strategic patched");

        Assert.Equal("smp", await JsonPathAsync("strategic", "{.spec.reference}"));
        Assert.Equal("smp", await JsonPathAsync("strategic", "{.metadata.labels.via}"));
    }

    [Fact]
    public async Task Patch_of_type_strategic_merges_a_list_of_type_map_by_key()
    {
        (await server.Kubectl.RunWithInputAsync(
            Manifests.Flunder("keyed", ns, "original", settings: "[{name: a, value: \"1\"}, {name: b, value: \"2\"}]"), "create", "-f", "-")).ShouldSucceed();

        (await server.Kubectl.RunAsync("patch", "flunder", "keyed", "-n", ns, "--type", "strategic",
            "-p", """{"spec":{"settings":[{"name":"b","value":"22"},{"name":"c","value":"3"}]}}""")).ShouldSucceed();

        Assert.Equal("a=1 b=22 c=3", (await JsonPathAsync("keyed", "{range .spec.settings[*]}{.name}={.value} {end}")).Trim());

        (await server.Kubectl.RunAsync("patch", "flunder", "keyed", "-n", ns, "--type", "strategic",
            "-p", """{"spec":{"settings":[{"name":"a","$patch":"delete"}]}}""")).ShouldSucceed();
        Assert.Equal("b=22 c=3", (await JsonPathAsync("keyed", "{range .spec.settings[*]}{.name}={.value} {end}")).Trim());

        (await server.Kubectl.RunAsync("patch", "flunder", "keyed", "-n", ns, "--type", "strategic",
            "-p", """{"spec":{"settings":[{"value":"no-key"}]}}"""))
            .ShouldFailWith("does not contain declared merge key: name");
        Assert.Equal("b=22 c=3", (await JsonPathAsync("keyed", "{range .spec.settings[*]}{.name}={.value} {end}")).Trim());
    }

    [Fact]
    public async Task Replace_with_a_stale_resource_version_fails_with_a_conflict()
    {
        await CreateAsync("to-replace", "v1");
        var stale = (await server.Kubectl.RunAsync("get", "flunder", "to-replace", "-n", ns, "-o", "yaml")).ShouldSucceed().Stdout;
        (await server.Kubectl.RunAsync("label", "flunder", "to-replace", "-n", ns, "bumped=yes")).ShouldSucceed();

        var file = server.Kubectl.WriteFile("stale.yaml", stale.Replace("reference: v1", "reference: v2"));
        (await server.Kubectl.RunAsync("replace", "-f", file))
            .ShouldFailWith("Error from server (Conflict)")
            .ShouldFailWith("the object has been modified; please apply your changes to the latest version and try again");

        Assert.Equal("v1", await JsonPathAsync("to-replace", "{.spec.reference}"));
    }

    [Fact]
    public async Task Replace_with_the_current_object_updates_it()
    {
        await CreateAsync("replaced", "v1");
        var current = (await server.Kubectl.RunAsync("get", "flunder", "replaced", "-n", ns, "-o", "yaml")).ShouldSucceed().Stdout;

        var file = server.Kubectl.WriteFile("current.yaml", current.Replace("reference: v1", "reference: v2"));
        (await server.Kubectl.RunAsync("replace", "-f", file)).ShouldSucceed()
            .StdoutShouldContain("flunder.wardle.example.com/replaced replaced");

        Assert.Equal("v2", await JsonPathAsync("replaced", "{.spec.reference}"));
    }

    [Fact]
    public async Task Diff_exits_1_with_a_diff_when_different_and_0_when_the_same()
    {
        var same = Manifests.Flunder("diffed", ns, "one");
        (await server.Kubectl.RunWithInputAsync(same, "apply", "-f", "-")).ShouldSucceed();

        var unchanged = await server.Kubectl.RunAsync("diff", "-f", server.Kubectl.WriteFile("same.yaml", same));
        Assert.True(unchanged.ExitCode == 0 && unchanged.Stdout.Length == 0, unchanged.Describe("expected exit 0 and no diff"));

        var changed = await server.Kubectl.RunAsync("diff", "-f", server.Kubectl.WriteFile("changed.yaml", Manifests.Flunder("diffed", ns, "two")));
        Assert.True(changed.ExitCode == 1, changed.Describe("expected exit 1 (differences found)"));
        changed.StdoutShouldContain("-  reference: one", "+  reference: two");

        Assert.Equal("one", await JsonPathAsync("diffed", "{.spec.reference}"));
    }

    [Fact]
    public async Task Label_with_a_stale_resource_version_is_refused_with_a_conflict()
    {
        await CreateAsync("rv-guarded");
        var rv = await JsonPathAsync("rv-guarded", "{.metadata.resourceVersion}");
        (await server.Kubectl.RunAsync("annotate", "flunder", "rv-guarded", "-n", ns, "bump=1")).ShouldSucceed();

        (await server.Kubectl.RunAsync("label", "flunder", "rv-guarded", "-n", ns, "late=yes", "--resource-version", rv))
            .ShouldFailWith("Error from server (Conflict)");

        Assert.Equal("", await JsonPathAsync("rv-guarded", "{.metadata.labels.late}"));
    }

    [Fact]
    public async Task Patch_with_an_unknown_field_warns_the_user()
    {
        await CreateAsync("warned");

        (await server.Kubectl.RunAsync("patch", "flunder", "warned", "-n", ns, "--type", "merge", "-p", """{"spec":{"bogus":1}}""")).ShouldSucceed()
            .ShouldWarn("Warning: unknown field \"spec.bogus\"");
    }
}

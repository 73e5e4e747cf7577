using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Kubectl;

/// <summary>kubectl create and client-side apply, including server-side dry run.</summary>
[Collection(KubectlCollection.Name)]
public sealed class KubectlCreateAndApplyTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    private Task<string> JsonPathAsync(string name, string path) => KubectlQueries.JsonPathAsync(server, ns, name, path);

    [Fact]
    public async Task Create_from_a_file_stores_the_object_with_its_defaults()
    {
        var file = server.Kubectl.WriteFile("flunder.yaml", Manifests.Flunder("from-file", ns, reference: "target"));

        (await server.Kubectl.RunAsync("create", "-f", file)).ShouldSucceed()
            .StdoutShouldContain("flunder.wardle.example.com/from-file created");

        Assert.Equal("target", await JsonPathAsync("from-file", "{.spec.reference}"));
        Assert.Equal("Flunder", await JsonPathAsync("from-file", "{.spec.referenceType}"));
    }

    [Fact]
    public async Task Create_from_stdin_stores_the_object()
    {
        (await server.Kubectl.RunWithInputAsync(Manifests.Flunder("from-stdin", ns, reference: "piped"), "create", "-f", "-")).ShouldSucceed()
            .StdoutShouldContain("flunder.wardle.example.com/from-stdin created");

        Assert.Equal("piped", await JsonPathAsync("from-stdin", "{.spec.reference}"));
    }

    [Fact]
    public async Task Create_of_an_existing_object_reports_AlreadyExists()
    {
        var file = server.Kubectl.WriteFile("flunder.yaml", Manifests.Flunder("twice", ns, reference: "first"));
        (await server.Kubectl.RunAsync("create", "-f", file)).ShouldSucceed();

        (await server.Kubectl.RunAsync("create", "-f", file))
            .ShouldFailWith("Error from server (AlreadyExists)")
            .ShouldFailWith("flunders.wardle.example.com \"twice\" already exists");
    }

    [Fact]
    public async Task Apply_creates_then_updates_and_bumps_generation_only_for_spec_changes()
    {
        var created = (await server.Kubectl.RunAsync("apply", "-f",
            server.Kubectl.WriteFile("v1.yaml", Manifests.Flunder("applied", ns, reference: "one", labels: "{tier: \"a\"}")))).ShouldSucceed();
        created.StdoutShouldContain("flunder.wardle.example.com/applied created");
        Assert.Equal("1", await JsonPathAsync("applied", "{.metadata.generation}"));
        Assert.Contains("last-applied-configuration", await JsonPathAsync("applied", "{.metadata.annotations}"));

        (await server.Kubectl.RunAsync("apply", "-f",
            server.Kubectl.WriteFile("v2.yaml", Manifests.Flunder("applied", ns, reference: "two", labels: "{tier: \"a\"}")))).ShouldSucceed()
            .StdoutShouldContain("flunder.wardle.example.com/applied configured");
        Assert.Equal("two", await JsonPathAsync("applied", "{.spec.reference}"));
        Assert.Equal("2", await JsonPathAsync("applied", "{.metadata.generation}"));

        (await server.Kubectl.RunAsync("apply", "-f",
            server.Kubectl.WriteFile("v3.yaml", Manifests.Flunder("applied", ns, reference: "two", labels: "{tier: \"b\"}")))).ShouldSucceed()
            .StdoutShouldContain("flunder.wardle.example.com/applied configured");
        Assert.Equal("b", await JsonPathAsync("applied", "{.metadata.labels.tier}"));
        Assert.Equal("2", await JsonPathAsync("applied", "{.metadata.generation}"));

        (await server.Kubectl.RunAsync("apply", "-f",
            server.Kubectl.WriteFile("v3.yaml", Manifests.Flunder("applied", ns, reference: "two", labels: "{tier: \"b\"}")))).ShouldSucceed()
            .StdoutShouldContain("flunder.wardle.example.com/applied unchanged");
    }

    [Fact]
    public async Task Apply_twice_merges_a_list_of_type_map_by_key_with_a_strategic_merge_patch()
    {
        var first = server.Kubectl.WriteFile("keyed-v1.yaml",
            Manifests.Flunder("keyed-apply", ns, reference: "r", settings: "[{name: a, value: \"1\"}, {name: b, value: \"2\"}]"));
        (await server.Kubectl.RunAsync("apply", "-f", first)).ShouldSucceed().StdoutShouldContain("flunder.wardle.example.com/keyed-apply created");

        // Another writer adds an item the applied configuration never had.
        (await server.Kubectl.RunAsync("patch", "flunder", "keyed-apply", "-n", ns, "--type", "strategic",
            "-p", """{"spec":{"settings":[{"name":"other","value":"kept"}]}}""")).ShouldSucceed();

        // The second apply changes a, drops b: kubectl sends a three-way strategic merge patch keyed by name.
        var second = server.Kubectl.WriteFile("keyed-v2.yaml",
            Manifests.Flunder("keyed-apply", ns, reference: "r", settings: "[{name: a, value: \"11\"}]"));
        var applied = (await server.Kubectl.RunAsync("apply", "-f", second, "-v=8")).ShouldSucceed();
        applied.StdoutShouldContain("flunder.wardle.example.com/keyed-apply configured");
        Assert.True(applied.Stderr.Contains("application/strategic-merge-patch+json", StringComparison.Ordinal),
            applied.Describe("expected kubectl to send a strategic merge patch"));
        Assert.True(applied.Stderr.Contains("$setElementOrder/settings", StringComparison.Ordinal),
            applied.Describe("expected the patch to order the list by key"));
        Assert.DoesNotContain("warning", applied.Stderr.Split('\n').Where(l => !l.StartsWith('I')), StringComparer.OrdinalIgnoreCase);

        // b is gone, a changed, and the other writer's item kept (first: strategic merge patch put the new item there).
        var settings = (await JsonPathAsync("keyed-apply", "{range .spec.settings[*]}{.name}={.value} {end}")).Trim();
        Assert.Equal("other=kept a=11", settings);
    }

    [Fact]
    public async Task Apply_with_server_dry_run_reports_created_but_persists_nothing()
    {
        var file = server.Kubectl.WriteFile("dry.yaml", Manifests.Flunder("dry", ns, reference: "x"));

        (await server.Kubectl.RunAsync("apply", "--dry-run=server", "-f", file)).ShouldSucceed()
            .StdoutShouldContain("flunder.wardle.example.com/dry created (server dry run)");

        await KubectlQueries.ShouldBeGoneAsync(server, ns, "dry");
    }

    [Fact]
    public async Task Create_with_an_unknown_field_is_rejected_by_server_side_validation()
    {
        var yaml = Manifests.Flunder("strict", ns, reference: "x") + "  bogus: 1\n";

        (await server.Kubectl.RunWithInputAsync(yaml, "create", "-f", "-"))
            .ShouldFailWith("unknown field \"spec.bogus\"");

        await KubectlQueries.ShouldBeGoneAsync(server, ns, "strict");
    }
}

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

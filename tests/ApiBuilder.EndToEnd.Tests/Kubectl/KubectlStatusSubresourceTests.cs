using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Kubectl;

/// <summary>The status subresource: status is written only through /status, and /status writes only status.</summary>
[Collection(KubectlCollection.Name)]
public sealed class KubectlStatusSubresourceTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    private Task<string> JsonPathAsync(string name, string path) => KubectlQueries.JsonPathAsync(server, ns, name, path);

    private async Task CreateAsync(string name) =>
        (await server.Kubectl.RunWithInputAsync(Manifests.Flunder(name, ns, "spec-value"), "create", "-f", "-")).ShouldSucceed();

    [Fact]
    public async Task Patch_of_the_status_subresource_sets_the_phase_shown_by_get_wide()
    {
        await CreateAsync("ready");

        (await server.Kubectl.RunAsync("patch", "flunder", "ready", "-n", ns, "--subresource", "status", "--type", "merge",
            "-p", """{"status":{"phase":"Ready"}}""")).ShouldSucceed()
            .StdoutShouldContain("flunder.wardle.example.com/ready patched");

        var wide = (await server.Kubectl.RunAsync("get", "flunder", "ready", "-n", ns, "-o", "wide")).ShouldSucceed();
        Assert.True(wide.Lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["ready", "spec-value", "Flunder", "Ready", _],
            wide.Describe("expected PHASE Ready"));
        Assert.Equal("1", await JsonPathAsync("ready", "{.metadata.generation}"));
    }

    [Fact]
    public async Task A_status_change_through_the_main_resource_is_ignored()
    {
        await CreateAsync("main-status");
        (await server.Kubectl.RunAsync("patch", "flunder", "main-status", "-n", ns, "--subresource", "status", "--type", "merge",
            "-p", """{"status":{"phase":"Ready"}}""")).ShouldSucceed();

        (await server.Kubectl.RunAsync("patch", "flunder", "main-status", "-n", ns, "--type", "merge",
            "-p", """{"status":{"phase":"Hacked"},"spec":{"reference":"changed"}}""")).ShouldSucceed();

        Assert.Equal("Ready", await JsonPathAsync("main-status", "{.status.phase}"));
        Assert.Equal("changed", await JsonPathAsync("main-status", "{.spec.reference}"));
    }

    [Fact]
    public async Task A_spec_change_through_the_status_subresource_is_ignored()
    {
        await CreateAsync("status-spec");

        (await server.Kubectl.RunAsync("patch", "flunder", "status-spec", "-n", ns, "--subresource", "status", "--type", "merge",
            "-p", """{"spec":{"reference":"sneaky"},"metadata":{"labels":{"sneaky":"yes"}},"status":{"phase":"Pending"}}""")).ShouldSucceed();

        Assert.Equal("spec-value", await JsonPathAsync("status-spec", "{.spec.reference}"));
        Assert.Equal("", await JsonPathAsync("status-spec", "{.metadata.labels}"));
        Assert.Equal("Pending", await JsonPathAsync("status-spec", "{.status.phase}"));
    }
}

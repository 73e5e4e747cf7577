using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Kubectl;

/// <summary>kubectl delete with its default wait, delete --all, and finalizers holding an object back.</summary>
[Collection(KubectlCollection.Name)]
public sealed class KubectlDeleteTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    // kubectl delete waits (list/watch by metadata.name) until the object is gone; a server whose watch
    // never reports the deletion makes it hang, which this limit turns into a failure.
    private static readonly TimeSpan DeleteLimit = TimeSpan.FromSeconds(30);

    private async Task CreateAsync(string name, string? finalizers = null) =>
        (await server.Kubectl.RunWithInputAsync(Manifests.Flunder(name, ns, "r", finalizers: finalizers), "create", "-f", "-")).ShouldSucceed();

    [Fact]
    public async Task Delete_waits_for_the_object_to_be_gone_and_returns()
    {
        await CreateAsync("doomed");

        (await server.Kubectl.RunAsync(new KubectlInvocation(["delete", "flunder", "doomed", "-n", ns]) { Timeout = DeleteLimit })).ShouldSucceed()
            .StdoutShouldContain("flunder.wardle.example.com \"doomed\" deleted");

        await KubectlQueries.ShouldBeGoneAsync(server, ns, "doomed");
    }

    [Fact]
    public async Task Delete_of_a_missing_object_reports_NotFound()
    {
        (await server.Kubectl.RunAsync("delete", "flunder", "never-was", "-n", ns))
            .ShouldFailWith("Error from server (NotFound): flunders.wardle.example.com \"never-was\" not found");
    }

    [Fact]
    public async Task Delete_all_removes_every_object_in_the_namespace_only()
    {
        var bystanderNs = Names.Namespace();
        (await server.Kubectl.RunWithInputAsync(Manifests.Flunder("bystander", bystanderNs, "r"), "create", "-f", "-")).ShouldSucceed();
        foreach (var name in new[] { "all-1", "all-2", "all-3" })
        {
            await CreateAsync(name);
        }

        var result = (await server.Kubectl.RunAsync(new KubectlInvocation(["delete", "flunders", "--all", "-n", ns]) { Timeout = DeleteLimit })).ShouldSucceed();
        result.StdoutShouldContain("\"all-1\" deleted", "\"all-2\" deleted", "\"all-3\" deleted");

        var after = (await server.Kubectl.RunAsync("get", "flunders", "-n", ns)).ShouldSucceed();
        Assert.True(after.Stdout.Length == 0 && after.Stderr.Contains("No resources found", StringComparison.Ordinal), after.Describe("expected no flunders left"));
        Assert.Equal("r", await KubectlQueries.JsonPathAsync(server, bystanderNs, "bystander", "{.spec.reference}"));
    }

    [Fact]
    public async Task A_finalizer_keeps_the_object_with_a_deletion_timestamp_until_it_is_removed()
    {
        await CreateAsync("finalized", finalizers: "[\"example.com/keep\"]");

        (await server.Kubectl.RunAsync("delete", "flunder", "finalized", "-n", ns, "--wait=false")).ShouldSucceed()
            .StdoutShouldContain("flunder.wardle.example.com \"finalized\" deleted");

        Assert.NotEqual("", await KubectlQueries.JsonPathAsync(server, ns, "finalized", "{.metadata.deletionTimestamp}"));
        Assert.Equal("[\"example.com/keep\"]", await KubectlQueries.JsonPathAsync(server, ns, "finalized", "{.metadata.finalizers}"));

        (await server.Kubectl.RunAsync("patch", "flunder", "finalized", "-n", ns, "--type", "json",
            "-p", """[{"op":"remove","path":"/metadata/finalizers"}]""")).ShouldSucceed();

        await KubectlQueries.ShouldBeGoneAsync(server, ns, "finalized");
    }

    [Fact]
    public async Task Adding_a_finalizer_to_an_object_being_deleted_is_refused()
    {
        await CreateAsync("closing", finalizers: "[\"example.com/keep\"]");
        (await server.Kubectl.RunAsync("delete", "flunder", "closing", "-n", ns, "--wait=false")).ShouldSucceed();

        (await server.Kubectl.RunAsync("patch", "flunder", "closing", "-n", ns, "--type", "merge",
            "-p", """{"metadata":{"finalizers":["example.com/keep","example.com/another"]}}"""))
            .ShouldFailWith("no new finalizers can be added if the object is being deleted");

        (await server.Kubectl.RunAsync("patch", "flunder", "closing", "-n", ns, "--type", "merge", "-p", """{"metadata":{"finalizers":null}}""")).ShouldSucceed();
        await KubectlQueries.ShouldBeGoneAsync(server, ns, "closing");
    }
}

using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Kubectl;

/// <summary>The cluster-scoped Fischer, and the BanFlunder admission rule it drives.</summary>
[Collection(KubectlCollection.Name)]
public sealed class KubectlFischerTests(WardleServer server)
{
    [Fact]
    public async Task Fischer_create_get_update_delete_at_cluster_scope()
    {
        var name = Names.Unique("fischer");

        (await server.Kubectl.RunWithInputAsync(Manifests.Fischer(name, "a", "b"), "apply", "-f", "-")).ShouldSucceed()
            .StdoutShouldContain($"fischer.wardle.example.com/{name} created");

        var table = (await server.Kubectl.RunAsync("get", "fi", name)).ShouldSucceed();
        Assert.True(table.Lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["NAME", "AGE"]
                    && table.Lines[1].StartsWith(name + " ", StringComparison.Ordinal), table.Describe("expected NAME AGE and the fischer's row"));

        var wide = (await server.Kubectl.RunAsync("get", "fischers", name, "-o", "wide")).ShouldSucceed();
        Assert.True(wide.Lines[0].Contains("DISALLOWED", StringComparison.Ordinal) && wide.Lines[1].Contains("[\"a\",\"b\"]", StringComparison.Ordinal),
            wide.Describe("expected the DISALLOWED column with [\"a\",\"b\"]"));

        var namespaceField = (await server.Kubectl.RunAsync("get", "fischer", name, "-o", "jsonpath={.metadata.namespace}")).ShouldSucceed();
        Assert.True(namespaceField.Stdout.Length == 0, namespaceField.Describe("a cluster-scoped object has no namespace"));

        (await server.Kubectl.RunAsync("patch", "fischer", name, "--type", "merge", "-p", """{"spec":{"disallowedFlunders":["c"]}}""")).ShouldSucceed();
        var patched = (await server.Kubectl.RunAsync("get", "fischer", name, "-o", "jsonpath={.spec.disallowedFlunders}")).ShouldSucceed();
        Assert.True(patched.Stdout == "[\"c\"]", patched.Describe("expected [\"c\"]"));

        (await server.Kubectl.RunAsync(new KubectlInvocation(["delete", "fischer", name]) { Timeout = TimeSpan.FromSeconds(30) })).ShouldSucceed()
            .StdoutShouldContain($"fischer.wardle.example.com \"{name}\" deleted");
        (await server.Kubectl.RunAsync("get", "fischer", name))
            .ShouldFailWith($"Error from server (NotFound): fischers.wardle.example.com \"{name}\" not found");
    }

    [Fact]
    public async Task A_flunder_named_in_a_fischers_disallowed_list_is_forbidden()
    {
        var ns = Names.Namespace();
        var banned = Names.Unique("banned");
        var fischer = Names.Unique("fischer");
        (await server.Kubectl.RunWithInputAsync(Manifests.Fischer(fischer, banned), "create", "-f", "-")).ShouldSucceed();
        try
        {
            (await server.Kubectl.RunWithInputAsync(Manifests.Flunder(banned, ns, "r"), "create", "-f", "-"))
                .ShouldFailWith("Error from server (Forbidden)")
                .ShouldFailWith($"flunders.wardle.example.com \"{banned}\" is forbidden: this name may not be used, please change the resource name");
            await KubectlQueries.ShouldBeGoneAsync(server, ns, banned);

            (await server.Kubectl.RunWithInputAsync(Manifests.Flunder("allowed", ns, "r"), "create", "-f", "-")).ShouldSucceed();
            Assert.Equal("r", await KubectlQueries.JsonPathAsync(server, ns, "allowed", "{.spec.reference}"));
        }
        finally
        {
            await server.Kubectl.RunAsync("delete", "fischer", fischer, "--wait=false");
        }
    }
}

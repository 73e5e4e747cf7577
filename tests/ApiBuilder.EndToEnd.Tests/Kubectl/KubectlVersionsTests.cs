using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Kubectl;

/// <summary>Flunder is served in v1alpha1 (its storage version) and v1beta1 (preferred), as in sample-apiserver.</summary>
[Collection(KubectlCollection.Name)]
public sealed class KubectlVersionsTests(WardleServer server)
{
    [Fact]
    public async Task An_object_created_in_one_version_reads_back_in_the_other()
    {
        var ns = Names.Namespace();
        var manifest = $"""
            apiVersion: wardle.example.com/v1alpha1
            kind: Flunder
            metadata:
              name: versioned
              namespace: {ns}
            spec:
              reference: alpha
            """;
        (await server.Kubectl.RunWithInputAsync(manifest, "create", "-f", "-")).ShouldSucceed();

        var beta = (await server.Kubectl.RunAsync("get", "flunders.v1beta1.wardle.example.com", "versioned", "-n", ns, "-o", "jsonpath={.apiVersion} {.spec.reference}")).ShouldSucceed();
        Assert.Equal("wardle.example.com/v1beta1 alpha", beta.Stdout.Trim());

        (await server.Kubectl.RunAsync("patch", "flunders.v1beta1.wardle.example.com", "versioned", "-n", ns, "--type", "merge", "-p", """{"spec":{"reference":"beta"}}""")).ShouldSucceed();
        var alpha = (await server.Kubectl.RunAsync("get", "flunders.v1alpha1.wardle.example.com", "versioned", "-n", ns, "-o", "jsonpath={.apiVersion} {.spec.reference} {.metadata.generation}")).ShouldSucceed();
        Assert.Equal("wardle.example.com/v1alpha1 beta 2", alpha.Stdout.Trim());
    }
}

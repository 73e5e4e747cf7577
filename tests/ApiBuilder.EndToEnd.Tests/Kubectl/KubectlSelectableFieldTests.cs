using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Kubectl;

/// <summary>Flunder declares <c>[SelectableField(".spec.referenceType")]</c>: kubectl's field selectors use it in lists and watches.</summary>
[Collection(KubectlCollection.Name)]
public sealed class KubectlSelectableFieldTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    private async Task CreateAsync(string name, string type) =>
        (await server.Kubectl.RunWithInputAsync(
            $"apiVersion: wardle.example.com/v1alpha1\nkind: Flunder\nmetadata: {{name: {name}, namespace: {ns}}}\nspec: {{reference: r, referenceType: {type}}}\n",
            "create", "-f", "-")).ShouldSucceed();

    [Fact]
    public async Task A_declared_field_selects_in_lists_and_an_undeclared_one_is_refused()
    {
        await CreateAsync("to-fischer", "Fischer");
        await CreateAsync("to-flunder", "Flunder");

        var fischers = (await server.Kubectl.RunAsync("get", "fl", "-n", ns, "--field-selector", "spec.referenceType=Fischer", "-o", "name")).ShouldSucceed();
        Assert.True(fischers.Stdout.Trim() == "flunder.wardle.example.com/to-fischer", fischers.Describe("expected only to-fischer"));
        var others = (await server.Kubectl.RunAsync("get", "fl", "-n", ns, "--field-selector", "spec.referenceType!=Fischer", "-o", "name")).ShouldSucceed();
        Assert.True(others.Stdout.Trim() == "flunder.wardle.example.com/to-flunder", others.Describe("expected only to-flunder"));

        (await server.Kubectl.RunAsync("get", "fl", "-n", ns, "--field-selector", "spec.reference=r"))
            .ShouldFailWith("field label not supported: spec.reference");
    }

    [Fact]
    public async Task The_declared_field_is_advertised_in_openapi()
    {
        var openApi = (await server.Kubectl.RunAsync("get", "--raw", "/openapi/v3/apis/wardle.example.com/v1beta1")).ShouldSucceed();
        var list = System.Text.Json.Nodes.JsonNode.Parse(openApi.Stdout)!["paths"]!["/apis/wardle.example.com/v1beta1/namespaces/{namespace}/flunders"]!["get"]!;
        var fieldSelector = list["parameters"]!.AsArray().Single(p => (string?)p!["name"] == "fieldSelector")!;
        Assert.Contains("Selectable fields: metadata.name, metadata.namespace, spec.referenceType.", (string?)fieldSelector["description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declared_field_selects_in_watches()
    {
        await using var watch = server.Kubectl.Start("get", "fl", "-n", ns, "--watch-only", "--field-selector", "spec.referenceType=Fischer", "-o", "name");
        await Task.Delay(1500);
        await CreateAsync("unseen", "Flunder");
        await CreateAsync("seen", "Fischer");

        var seen = await watch.WaitForLineAsync(l => l.Contains("/seen", StringComparison.Ordinal), "the Fischer-referencing flunder");
        var unseen = await Task.WhenAny(watch.WaitForLineAsync(l => l.Contains("unseen", StringComparison.Ordinal), "nothing", timeout: TimeSpan.FromSeconds(1)), Task.Delay(1500));
        Assert.True(seen >= 0);
        Assert.True(unseen is not Task<int> { IsCompletedSuccessfully: true }, watch.Describe("the watch showed a flunder the selector excludes"));
    }
}

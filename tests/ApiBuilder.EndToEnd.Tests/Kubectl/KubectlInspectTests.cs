using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Kubectl;

/// <summary>Other ways users look at objects: describe, categories, custom columns, wait.</summary>
[Collection(KubectlCollection.Name)]
public sealed class KubectlInspectTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    private async Task CreateAsync(string name, string reference = "target", string? labels = null) =>
        (await server.Kubectl.RunWithInputAsync(Manifests.Flunder(name, ns, reference, labels), "create", "-f", "-")).ShouldSucceed();

    [Fact]
    public async Task Describe_prints_metadata_and_spec()
    {
        await CreateAsync("described", labels: "{app: \"web\"}");

        var result = (await server.Kubectl.RunAsync("describe", "flunder", "described", "-n", ns)).ShouldSucceed();

        Assert.Matches(@"(?m)^Name:\s+described$", result.Stdout);
        Assert.Matches($@"(?m)^Namespace:\s+{ns}$", result.Stdout);
        Assert.Matches(@"(?m)^Labels:\s+app=web$", result.Stdout);
        Assert.Matches(@"(?m)^Kind:\s+Flunder$", result.Stdout);
        Assert.Matches(@"(?m)^\s+Reference:\s+target$", result.Stdout);
        Assert.Matches(@"(?m)^\s+Reference Type:\s+Flunder$", result.Stdout);
    }

    [Fact]
    public async Task The_wardle_category_lists_flunders_with_kind_qualified_names()
    {
        await CreateAsync("categorized");

        var result = (await server.Kubectl.RunAsync("get", "wardle", "-n", ns)).ShouldSucceed();

        Assert.True(result.Lines.Any(l => l.StartsWith("flunder.wardle.example.com/categorized ", StringComparison.Ordinal)),
            result.Describe("expected a row for flunder.wardle.example.com/categorized"));
    }

    [Fact]
    public async Task Custom_columns_read_fields_of_the_objects()
    {
        await CreateAsync("custom", reference: "cc");

        var result = (await server.Kubectl.RunAsync("get", "flunders", "-n", ns, "-o", "custom-columns=N:.metadata.name,R:.spec.reference,T:.spec.referenceType")).ShouldSucceed();

        Assert.True(result.Lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Skip(1).Single() is ["custom", "cc", "Flunder"],
            result.Describe("expected: custom cc Flunder"));
    }

    [Fact]
    public async Task Wait_for_a_status_field_returns_once_the_status_is_written()
    {
        await CreateAsync("awaited");
        await using var wait = server.Kubectl.Start("wait", "flunder/awaited", "-n", ns, "--for=jsonpath={.status.phase}=Ready", "--timeout=30s");

        (await server.Kubectl.RunAsync("patch", "flunder", "awaited", "-n", ns, "--subresource", "status", "--type", "merge",
            "-p", """{"status":{"phase":"Ready"}}""")).ShouldSucceed();

        await wait.WaitForLineAsync(l => l == "flunder.wardle.example.com/awaited condition met", "condition met", timeout: TimeSpan.FromSeconds(30));
        Assert.True(await wait.WaitForExitAsync(TimeSpan.FromSeconds(10)) == 0, wait.Describe("expected exit code 0"));
    }

    [Fact]
    public async Task Wait_for_delete_returns_once_the_object_is_gone()
    {
        await CreateAsync("awaiting-deletion");
        await using var wait = server.Kubectl.Start("wait", "flunder/awaiting-deletion", "-n", ns, "--for=delete", "--timeout=30s");

        (await server.Kubectl.RunAsync("delete", "flunder", "awaiting-deletion", "-n", ns, "--wait=false")).ShouldSucceed();

        Assert.True(await wait.WaitForExitAsync(TimeSpan.FromSeconds(30)) == 0, wait.Describe("expected exit code 0"));
    }

    [Fact]
    public async Task Delete_by_label_selector_removes_only_matching_objects()
    {
        await CreateAsync("match-1", labels: "{app: \"gone\"}");
        await CreateAsync("match-2", labels: "{app: \"gone\"}");
        await CreateAsync("keeper", labels: "{app: \"kept\"}");

        (await server.Kubectl.RunAsync(new KubectlInvocation(["delete", "flunders", "-n", ns, "-l", "app=gone"]) { Timeout = TimeSpan.FromSeconds(30) })).ShouldSucceed()
            .StdoutShouldContain("\"match-1\" deleted", "\"match-2\" deleted");

        var left = (await server.Kubectl.RunAsync("get", "flunders", "-n", ns, "-o", "name")).ShouldSucceed();
        Assert.True(left.Lines.SequenceEqual(["flunder.wardle.example.com/keeper"]), left.Describe("expected only keeper left"));
    }
}

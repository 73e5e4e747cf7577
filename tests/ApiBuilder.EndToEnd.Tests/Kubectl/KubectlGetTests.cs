using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Kubectl;

/// <summary>kubectl get in its output formats, selectors and paging, as a user reads them.</summary>
[Collection(KubectlCollection.Name)]
public sealed partial class KubectlGetTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    [GeneratedRegex(@"^(\d+[smhdy])+$")]
    private static partial Regex HumanAge();

    private async Task CreateAsync(string name, string? reference = null, string? labels = null, string? inNamespace = null) =>
        (await server.Kubectl.RunWithInputAsync(Manifests.Flunder(name, inNamespace ?? ns, reference, labels), "create", "-f", "-")).ShouldSucceed();

    private static string[][] Rows(KubectlResult result) =>
        result.Lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();

    [Fact]
    public async Task Table_shows_name_reference_type_and_a_human_age()
    {
        await CreateAsync("tabled", reference: "target");

        var result = (await server.Kubectl.RunAsync("get", "flunders", "-n", ns)).ShouldSucceed();

        var rows = Rows(result);
        Assert.True(rows.Length == 2 && rows[0] is ["NAME", "REFERENCE", "TYPE", "AGE"], result.Describe("expected header NAME REFERENCE TYPE AGE and one row"));
        Assert.True(rows[1] is ["tabled", "target", "Flunder", var age] && HumanAge().IsMatch(age), result.Describe("expected row: tabled target Flunder <age like 5s>"));
    }

    [Fact]
    public async Task Single_object_by_short_name_prints_one_row()
    {
        await CreateAsync("single", reference: "r");

        var result = (await server.Kubectl.RunAsync("get", "fl", "single", "-n", ns)).ShouldSucceed();

        var rows = Rows(result);
        Assert.True(rows.Length == 2 && rows[1] is ["single", "r", "Flunder", _], result.Describe("expected exactly one row for 'single'"));
    }

    [Fact]
    public async Task Output_yaml_prints_the_full_object()
    {
        await CreateAsync("yamled", reference: "target");

        var result = (await server.Kubectl.RunAsync("get", "flunder", "yamled", "-n", ns, "-o", "yaml")).ShouldSucceed();

        result.StdoutShouldContain(
            "apiVersion: wardle.example.com/v1beta1",
            "kind: Flunder",
            "  name: yamled",
            $"  namespace: {ns}",
            "  uid: ",
            "  resourceVersion: ",
            "  creationTimestamp: ",
            "  reference: target",
            "  referenceType: Flunder");
    }

    [Fact]
    public async Task Output_json_of_a_list_is_a_List_of_the_objects()
    {
        await CreateAsync("json-a", reference: "a");
        await CreateAsync("json-b", reference: "b");

        var result = (await server.Kubectl.RunAsync("get", "flunders", "-n", ns, "-o", "json")).ShouldSucceed();

        var list = JsonNode.Parse(result.Stdout)!.AsObject();
        var items = list["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Equal("List", list["kind"]!.GetValue<string>());
        Assert.Equal(["json-a", "json-b"], items.Select(i => i["metadata"]!["name"]!.GetValue<string>()).Order());
        Assert.All(items, i => Assert.Equal("Flunder", i["kind"]!.GetValue<string>()));
        Assert.All(items, i => Assert.Equal("wardle.example.com/v1beta1", i["apiVersion"]!.GetValue<string>()));
        Assert.Equal("b", items.Single(i => i["metadata"]!["name"]!.GetValue<string>() == "json-b")["spec"]!["reference"]!.GetValue<string>());
    }

    [Fact]
    public async Task Output_wide_adds_the_phase_column()
    {
        await CreateAsync("wide", reference: "w");

        var result = (await server.Kubectl.RunAsync("get", "flunders", "-n", ns, "-o", "wide")).ShouldSucceed();

        Assert.True(Rows(result)[0] is ["NAME", "REFERENCE", "TYPE", "PHASE", "AGE"], result.Describe("expected header NAME REFERENCE TYPE PHASE AGE"));
    }

    [Fact]
    public async Task All_namespaces_adds_the_namespace_column_and_spans_namespaces()
    {
        var other = Names.Namespace();
        await CreateAsync("here", reference: "x");
        await CreateAsync("there", reference: "why", inNamespace: other);

        var result = (await server.Kubectl.RunAsync("get", "flunders", "-A")).ShouldSucceed();

        var rows = Rows(result);
        Assert.True(rows[0] is ["NAMESPACE", "NAME", "REFERENCE", "TYPE", "AGE"], result.Describe("expected NAMESPACE first"));
        Assert.Contains(rows, r => r is [var n, "here", "x", "Flunder", _] && n == ns);
        Assert.Contains(rows, r => r is [var n, "there", "why", "Flunder", _] && n == other);
    }

    [Fact]
    public async Task Label_selector_filters_rows()
    {
        await CreateAsync("web", labels: "{app: \"web\"}");
        await CreateAsync("db", labels: "{app: \"db\"}");
        await CreateAsync("none");

        var equality = (await server.Kubectl.RunAsync("get", "fl", "-n", ns, "-l", "app=web", "-o", "name")).ShouldSucceed();
        Assert.True(equality.Lines.SequenceEqual(["flunder.wardle.example.com/web"]), equality.Describe("expected only web"));

        var set = (await server.Kubectl.RunAsync("get", "fl", "-n", ns, "-l", "app in (web,db)", "-o", "name")).ShouldSucceed();
        Assert.True(set.Lines.Order().SequenceEqual(["flunder.wardle.example.com/db", "flunder.wardle.example.com/web"]), set.Describe("expected db and web"));

        var absent = (await server.Kubectl.RunAsync("get", "fl", "-n", ns, "-l", "!app", "-o", "name")).ShouldSucceed();
        Assert.True(absent.Lines.SequenceEqual(["flunder.wardle.example.com/none"]), absent.Describe("expected only none"));
    }

    [Fact]
    public async Task Field_selector_on_metadata_name_selects_one_object()
    {
        await CreateAsync("pick-me");
        await CreateAsync("not-me");

        var result = (await server.Kubectl.RunAsync("get", "fl", "-n", ns, "--field-selector", "metadata.name=pick-me", "-o", "name")).ShouldSucceed();

        Assert.True(result.Lines.SequenceEqual(["flunder.wardle.example.com/pick-me"]), result.Describe("expected only pick-me"));
    }

    [Fact]
    public async Task Chunked_listing_with_chunk_size_1_lists_every_object()
    {
        string[] names = ["chunk-1", "chunk-2", "chunk-3", "chunk-4"];
        foreach (var name in names)
        {
            await CreateAsync(name);
        }

        var table = (await server.Kubectl.RunAsync("get", "fl", "-n", ns, "--chunk-size=1")).ShouldSucceed();
        Assert.True(Rows(table).Skip(1).Select(r => r[0]).Order().SequenceEqual(names), table.Describe("expected each chunk-N exactly once"));

        var json = (await server.Kubectl.RunAsync("get", "fl", "-n", ns, "--chunk-size=1", "-o", "name")).ShouldSucceed();
        Assert.True(json.Lines.Order().SequenceEqual(names.Select(n => $"flunder.wardle.example.com/{n}")), json.Describe("expected each chunk-N exactly once"));
    }

    [Fact]
    public async Task Sort_by_reference_orders_rows()
    {
        await CreateAsync("first-created", reference: "charlie");
        await CreateAsync("second-created", reference: "alpha");
        await CreateAsync("third-created", reference: "bravo");

        var result = (await server.Kubectl.RunAsync("get", "fl", "-n", ns, "--sort-by=.spec.reference")).ShouldSucceed();

        Assert.True(Rows(result).Skip(1).Select(r => r[1]).SequenceEqual(["alpha", "bravo", "charlie"]), result.Describe("expected rows sorted by reference"));
    }

    [Fact]
    public async Task Show_labels_adds_the_labels_column()
    {
        await CreateAsync("labelled", labels: "{app: \"web\", tier: \"front\"}");

        var result = (await server.Kubectl.RunAsync("get", "fl", "-n", ns, "--show-labels")).ShouldSucceed();

        var rows = Rows(result);
        Assert.True(rows[0][^1] == "LABELS" && rows[1][0] == "labelled" && rows[1][^1] == "app=web,tier=front",
            result.Describe("expected LABELS column with app=web,tier=front"));
    }

    [Fact]
    public async Task Empty_namespace_says_no_resources_found()
    {
        var result = (await server.Kubectl.RunAsync("get", "fl", "-n", ns)).ShouldSucceed();

        Assert.True(result.Stdout.Length == 0 && result.Stderr.Contains($"No resources found in {ns} namespace.", StringComparison.Ordinal),
            result.Describe("expected 'No resources found' on stderr"));
    }
}

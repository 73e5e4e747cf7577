using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Kubectl;

/// <summary>What kubectl learns from discovery, OpenAPI and the non-resource endpoints.</summary>
[Collection(KubectlCollection.Name)]
public sealed class KubectlDiscoveryTests(WardleServer server)
{
    [Fact]
    public async Task ApiResources_lists_flunders_and_fischers_with_short_names_scope_and_kind()
    {
        var result = (await server.Kubectl.RunAsync("api-resources")).ShouldSucceed();

        var rows = result.Lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.True(rows[0] is ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"], result.Describe("unexpected header"));
        // kubectl lists each resource once, in its preferred version.
        Assert.Contains(rows, r => r is ["flunders", "fl", "wardle.example.com/v1beta1", "true", "Flunder"]);
        Assert.Contains(rows, r => r is ["fischers", "fi", "wardle.example.com/v1alpha1", "false", "Fischer"]);
    }

    [Fact]
    public async Task ApiResources_wide_shows_verbs_and_the_wardle_category()
    {
        var result = (await server.Kubectl.RunAsync("api-resources", "-o", "wide", "--api-group=wardle.example.com")).ShouldSucceed();

        var flunders = result.Lines.SingleOrDefault(l => l.StartsWith("flunders ", StringComparison.Ordinal));
        Assert.True(flunders is not null, result.Describe("no flunders row"));
        Assert.True(flunders!.Contains("create,delete,deletecollection,get,list,patch,update,watch", StringComparison.Ordinal)
                    && flunders.Contains("wardle", StringComparison.Ordinal), result.Describe("flunders verbs or category missing"));
    }

    [Fact]
    public async Task ApiVersions_lists_the_wardle_group_version()
    {
        var result = (await server.Kubectl.RunAsync("api-versions")).ShouldSucceed();

        Assert.True(result.Lines.Contains("wardle.example.com/v1alpha1"), result.Describe("wardle.example.com/v1alpha1 missing"));
        Assert.True(result.Lines.Contains("wardle.example.com/v1beta1"), result.Describe("wardle.example.com/v1beta1 missing"));
    }

    [Fact]
    public async Task Explain_flunders_prints_kind_version_description_and_fields()
    {
        var result = (await server.Kubectl.RunAsync("explain", "flunders")).ShouldSucceed();

        result.StdoutShouldContain(
            "GROUP:      wardle.example.com",
            "KIND:       Flunder",
            "VERSION:    v1beta1",
            "Flunder is an example namespaced resource.",
            "FIELDS:",
            "spec\t<Object>",
            "status\t<Object>",
            "metadata\t<ObjectMeta>");
    }

    [Fact]
    public async Task Explain_a_nested_field_prints_its_type_and_description()
    {
        var result = (await server.Kubectl.RunAsync("explain", "flunders.spec.reference")).ShouldSucceed();

        result.StdoutShouldContain(
            "FIELD: reference <string>",
            "Name of another Flunder or of a Fischer, depending on referenceType.");
    }

    [Fact]
    public async Task Explain_an_enum_field_lists_its_values()
    {
        var result = (await server.Kubectl.RunAsync("explain", "fl.spec.referenceType")).ShouldSucceed();

        result.StdoutShouldContain("FIELD: referenceType <string>", "Kind of the referenced object");
        var enumValues = result.Lines.SkipWhile(l => l != "ENUM:").Skip(1).TakeWhile(l => l != "DESCRIPTION:").ToHashSet();
        Assert.True(enumValues.SetEquals(["Flunder", "Fischer"]), result.Describe("expected ENUM: Flunder, Fischer"));
    }

    [Fact]
    public async Task Raw_healthz_verbose_lists_passing_checks()
    {
        var result = (await server.Kubectl.RunAsync("get", "--raw", "/healthz?verbose")).ShouldSucceed();

        result.StdoutShouldContain("[+]ping ok");
        Assert.True(result.Lines[^1] == "healthz check passed", result.Describe("last line should be 'healthz check passed'"));
        Assert.All(result.Lines.SkipLast(1), l => Assert.StartsWith("[+]", l));
    }

    [Fact]
    public async Task Raw_readyz_answers_ok()
    {
        var result = (await server.Kubectl.RunAsync("get", "--raw", "/readyz")).ShouldSucceed();

        Assert.True(result.Stdout.Trim() == "ok", result.Describe("expected body 'ok'"));
    }

    [Fact]
    public async Task Kubectl_version_reports_no_skew()
    {
        var result = (await server.Kubectl.RunAsync("version")).ShouldSucceed();

        Assert.True(!result.Stderr.Contains("WARNING", StringComparison.Ordinal), result.Describe("kubectl warned about the server's version"));
        Assert.True(result.Stdout.Contains("Server Version: v1.", StringComparison.Ordinal), result.Describe("expected a Kubernetes-style server version"));
    }

    [Fact]
    public async Task Raw_version_returns_version_info()
    {
        var result = (await server.Kubectl.RunAsync("get", "--raw", "/version")).ShouldSucceed();

        var info = JsonNode.Parse(result.Stdout)!.AsObject();
        Assert.Matches(new Regex(@"^v1\.\d+\.\d+\+wardle-v\d+\.\d+\.\d+"), info["gitVersion"]!.GetValue<string>());
        Assert.Equal("1", info["major"]?.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(info["major"]?.GetValue<string>()), result.Describe("major missing"));
        Assert.False(string.IsNullOrEmpty(info["platform"]?.GetValue<string>()), result.Describe("platform missing"));
    }
}

using System.Text.Json.Nodes;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Kubectl;

/// <summary>Wardle's own subresources of Flunder, one of each style, as kubectl reaches them.</summary>
[Collection(KubectlCollection.Name)]
public sealed class KubectlCustomSubresourceTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    private string Path(string name, string sub) => $"{WardleApi.Root}/namespaces/{ns}/flunders/{name}/{sub}";

    [Fact]
    public async Task Get_style_subresources_answer_another_kind_or_text_and_are_discovered()
    {
        (await server.Kubectl.RunWithInputAsync(Manifests.Flunder("one", ns, reference: "one"), "create", "-f", "-")).ShouldSucceed();

        var usage = JsonNode.Parse((await server.Kubectl.RunAsync("get", "--raw", Path("one", "usage"))).ShouldSucceed().Stdout)!;
        Assert.Equal("FlunderUsage", (string?)usage["kind"]);
        Assert.Equal(1, (int?)usage["usage"]!["referencedBy"]);

        var log = (await server.Kubectl.RunAsync("get", "--raw", Path("one", "log"))).ShouldSucceed();
        Assert.True(log.Stdout.StartsWith("one resourceVersion=", StringComparison.Ordinal), log.Describe("expected the log line of the Flunder"));

        (await server.Kubectl.RunAsync("get", "--raw", Path("missing", "log"))).ShouldFailWith("NotFound");

        var discovery = JsonNode.Parse(await server.Http.GetStringAsync(WardleApi.Root))!;
        var names = discovery["resources"]!.AsArray().Select(r => (string?)r!["name"]).ToList();
        Assert.Contains("flunders/usage", names);
        Assert.Contains("flunders/log", names);
        Assert.Contains("flunders/check", names);
    }

    [Fact]
    public async Task A_post_style_subresource_reads_a_body_and_a_streaming_one_follows_changes()
    {
        (await server.Kubectl.RunWithInputAsync(Manifests.Flunder("two", ns, reference: "x"), "create", "-f", "-")).ShouldSucceed();
        var body = server.Kubectl.WriteFile(Names.Unique("check") + ".json", """{"reference":"two"}""");
        var check = JsonNode.Parse((await server.Kubectl.RunAsync("create", "--raw", Path("two", "check"), "-f", body)).ShouldSucceed().Stdout)!;
        Assert.Equal(true, (bool?)check["found"]);

        await using var follow = server.Kubectl.Start("get", "--raw", Path("two", "log") + "?follow=true");
        await follow.WaitForLineAsync(l => l.StartsWith("two ", StringComparison.Ordinal), "the first log line");
        (await server.Kubectl.RunAsync("label", "flunder", "two", "-n", ns, "changed=yes")).ShouldSucceed();
        await follow.WaitForLineAsync(l => l.StartsWith("two ", StringComparison.Ordinal), "a line for the change", fromLine: 1);
    }
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Kubectl;

/// <summary>What an operator reads: <c>kubectl get --raw /metrics</c>, and the audit log of the requests kubectl made.</summary>
[Collection(KubectlCollection.Name)]
public sealed class KubectlObservabilityTests(WardleServer server)
{
    private readonly string ns = Names.Namespace();

    [Fact]
    public async Task Kubectl_reads_metrics_with_kube_apiserver_names()
    {
        (await server.Kubectl.RunWithInputAsync(Manifests.Flunder("measured", ns, "x"), "create", "-f", "-")).ShouldSucceed();
        (await server.Kubectl.RunAsync("get", "flunders", "-n", ns)).ShouldSucceed();

        var metrics = (await server.Kubectl.RunAsync("get", "--raw", "/metrics")).ShouldSucceed();

        metrics.StdoutShouldContain(
            "# TYPE apiserver_request_total counter",
            "apiserver_request_total{verb=\"POST\",dry_run=\"\",group=\"wardle.example.com\",version=\"v1alpha1\",resource=\"flunders\",subresource=\"\",scope=\"resource\",component=\"apiserver\",code=\"201\"}",
            "apiserver_request_duration_seconds_bucket{verb=\"LIST\",dry_run=\"\",group=\"wardle.example.com\"",
            "# TYPE etcd_request_duration_seconds histogram",
            "apiserver_storage_objects{resource=\"flunders.wardle.example.com\"}",
            "apiserver_watch_cache_events_dispatched_total{group=\"wardle.example.com\",resource=\"flunders\"}");
        Assert.True(Regex.IsMatch(metrics.Stdout, "apiserver_storage_objects\\{resource=\"flunders.wardle.example.com\"\\} [1-9]"),
            metrics.Describe("expected the stored Flunders counted"));
    }

    [Fact]
    public async Task The_audit_log_has_one_event_per_kubectl_request_with_the_admin_user()
    {
        var log = Path.Combine(Path.GetTempPath(), "apibuilder-audit-" + Guid.NewGuid().ToString("N")[..12] + ".log");
        var audited = new WardleServer("--audit-log-path", log, "--audit-log-level", "Request");
        await audited.InitializeAsync();
        try
        {
            (await audited.Kubectl.RunWithInputAsync(Manifests.Flunder("audited", ns, "x"), "create", "-f", "-")).ShouldSucceed();
            (await audited.Kubectl.RunAsync("get", "flunder", "audited", "-n", ns, "-o", "name")).ShouldSucceed();

            JsonNode? create = null;
            await Eventually.HoldsAsync(
                () =>
                {
                    create = Events(log).SingleOrDefault(e => (string?)e["verb"] == "create" && (string?)e["objectRef"]?["resource"] == "flunders");
                    return Task.FromResult(create is not null && Events(log).Any(e => (string?)e["verb"] == "get" && (string?)e["objectRef"]?["name"] == "audited"));
                },
                () => "expected the create and get events in " + log + ": " + (File.Exists(log) ? File.ReadAllText(log) : "no file"));

            Assert.Equal("ResponseComplete", (string?)create!["stage"]);
            Assert.Equal("admin", (string?)create["user"]!["username"]);
            Assert.Equal(ns, (string?)create["objectRef"]!["namespace"]);
            Assert.Equal("wardle.example.com", (string?)create["objectRef"]!["apiGroup"]);
            Assert.Equal(201, (int?)create["responseStatus"]!["code"]);
            Assert.Equal("audited", (string?)create["requestObject"]!["metadata"]!["name"]);
            Assert.StartsWith("kubectl", (string?)create["userAgent"], StringComparison.Ordinal);
        }
        finally
        {
            await audited.DisposeAsync();
            File.Delete(log);
        }
    }

    private static List<JsonNode> Events(string log)
    {
        if (!File.Exists(log))
        {
            return [];
        }

        using var reader = new StreamReader(new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        // A line still being written is incomplete: only whole lines are events.
        return [.. reader.ReadToEnd().Split('\n').SkipLast(1).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!)];
    }
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ApiBuilder.EndToEnd.Tests.Infrastructure;
using ApiBuilder.EndToEnd.Tests.Kubectl;
using ApiBuilder.Runtime.Authentication;
using ApiBuilder.Runtime.Testing;
using Xunit;
using KubectlClient = ApiBuilder.EndToEnd.Tests.Infrastructure.Kubectl;

namespace ApiBuilder.EndToEnd.Tests.Aggregation;

/// <summary>
/// Wardle's controllers in processes of their own (<c>wardle-apiserver controller-manager</c>), as a deployment
/// with a separate controller-manager runs them: they reach the Wardle server only through a stand-in of
/// kube-apiserver's aggregator, take turns by a coordination.k8s.io Lease there, and write Events there.
/// </summary>
public sealed class ControllerManagerThroughAggregatorTests : IAsyncLifetime
{
    private const string ServiceHost = "api.wardle.svc";
    private const string ControllerUser = "system:serviceaccount:wardle:wardle-controller-manager";
    private TestCluster cluster = null!;
    private WardleServer wardle = null!;
    private KubectlClient jane = null!;
    private string directory = null!;
    private string managerKubeconfig = null!;

    public async Task InitializeAsync()
    {
        cluster = await TestCluster.StartAsync();
        // The server runs no controllers itself (the harness passes --controllers=).
        wardle = new WardleServer("--kubeconfig", cluster.ServerKubeconfigPath, "--cert-dns-names", ServiceHost);
        await wardle.InitializeAsync();
        cluster.AddApiService(wardle.BaseAddress, wardle.CertificateAuthorityPem, ServiceHost);
        cluster.AddNamespace("team-a");
        cluster.AddToken("jane-token", new UserInfo("jane", null, ["developers"], UserInfo.NoExtra));
        cluster.AddToken("controller-token", new UserInfo(ControllerUser, null, ["system:serviceaccounts", "system:serviceaccounts:wardle"], UserInfo.NoExtra));
        cluster.Authorize = _ => new(true);

        directory = Path.Combine(Path.GetTempPath(), "apibuilder-cm-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        managerKubeconfig = await WriteKubeconfigAsync("controller-manager", "controller-token");
        jane = new KubectlClient(await WriteKubeconfigAsync("jane", "jane-token"), Path.Combine(directory, "cache"), directory, wardle.Output);
    }

    public async Task DisposeAsync()
    {
        await wardle.DisposeAsync();
        await cluster.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Controllers_reconcile_through_the_aggregator_record_events_and_hand_over_when_the_leader_is_killed()
    {
        await using var first = StartManager();
        var leader = await WaitForLeaderAsync(first);
        await using var second = StartManager();

        await CreateAsync(Manifests.Flunder("target", "team-a"));
        await CreateAsync(Manifests.Flunder("pointer", "team-a", reference: "target"));
        await WaitForConditionAsync("pointer", "True", first);

        // The controller wrote the status as its own user, authorized by the cluster like any client.
        Assert.Contains(cluster.SubjectAccessReviews, r => (string?)r["user"] == ControllerUser
            && (string?)r["resourceAttributes"]?["verb"] == "update" && (string?)r["resourceAttributes"]?["subresource"] == "status");
        var resolved = await WaitForEventAsync("pointer", "ReferenceResolved");
        Assert.Equal("Normal", (string?)resolved["type"]);
        Assert.Equal("team-a", (string?)resolved["metadata"]!["namespace"]);
        Assert.Equal("Flunder", (string?)resolved["involvedObject"]!["kind"]);
        Assert.Equal("wardle.example.com/v1alpha1", (string?)resolved["involvedObject"]!["apiVersion"]);
        Assert.Equal("wardle-controller-manager", (string?)resolved["source"]!["component"]);
        Assert.Matches(new Regex("^pointer\\.[0-9a-f]+$"), (string?)resolved["metadata"]!["name"]);

        // Only one of the two reconciles: the second has not led.
        Assert.False(second.Output.Contains(" leads ("), second.Output.Tail());
        var before = cluster.Lease("wardle", "wardle-controllers")!;
        Assert.Equal(leader, (string?)before["spec"]!["holderIdentity"]);

        // The leader dies without releasing its lease: the other takes over once the lease expires.
        first.Kill();
        var next = await WaitForLeaderAsync(second);
        Assert.NotEqual(leader, next);
        var after = cluster.Lease("wardle", "wardle-controllers")!;
        Assert.Equal(next, (string?)after["spec"]!["holderIdentity"]);
        Assert.True((int?)after["spec"]!["leaseTransitions"] > (int?)before["spec"]!["leaseTransitions"] || before["spec"]!["leaseTransitions"] is null);

        await CreateAsync(Manifests.Flunder("later", "team-a", reference: "missing"));
        await WaitForConditionAsync("later", "False", second);
        var missing = await WaitForEventAsync("later", "ReferenceMissing");
        Assert.Equal("Warning", (string?)missing["type"]);
    }

    [Fact]
    public async Task The_controller_manager_refuses_server_flags_and_a_missing_cluster_in_one_line()
    {
        await using var serverFlag = ControllerManagerProcess.Start(directory, "--secure-port", "9443");
        Assert.Equal(1, await serverFlag.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(serverFlag.Output.Contains("Error: --secure-port is a flag of the server, not of controller-manager"), serverFlag.Output.Tail());

        await using var alone = ControllerManagerProcess.Start(directory, "--health-probe-bind-address", "0");
        Assert.Equal(1, await alone.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(alone.Output.Contains("Error: controller-manager needs the cluster's kube-apiserver: pass --kubeconfig"), alone.Output.Tail());
    }

    private ControllerManagerProcess StartManager() => ControllerManagerProcess.Start(directory,
        "--kubeconfig", managerKubeconfig, "--leader-elect-resource-namespace", "wardle",
        "--leader-elect-lease-duration", "3s", "--leader-elect-renew-deadline", "2s", "--leader-elect-retry-period", "250ms",
        "--health-probe-bind-address", "127.0.0.1:0");

    /// <summary>Waits until <paramref name="manager"/> leads, checks its health endpoint, and returns its identity.</summary>
    private static async Task<string> WaitForLeaderAsync(ControllerManagerProcess manager)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        string? line;
        while ((line = manager.Output.LinesContaining(" leads (Lease wardle/wardle-controllers)").FirstOrDefault()) is null)
        {
            Assert.False(manager.HasExited, "the controller-manager exited: " + manager.Output.Tail());
            Assert.True(DateTime.UtcNow < deadline, "the controller-manager did not lead within 45 s: " + manager.Output.Tail());
            await Task.Delay(100);
        }

        var health = manager.Output.LinesContaining("Serving /healthz and /readyz on ").Single();
        using var http = new HttpClient();
        Assert.Equal("ok", await http.GetStringAsync(health[(health.LastIndexOf(' ') + 1)..].TrimEnd('/') + "/healthz"));
        var words = line.Split(' ');
        return words[Array.IndexOf(words, "leads") - 1];
    }

    private async Task CreateAsync(string manifest) =>
        (await jane.RunWithInputAsync(manifest, "create", "-f", "-")).ShouldSucceed();

    private async Task WaitForConditionAsync(string name, string status, ControllerManagerProcess manager)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var flunder = JsonNode.Parse(await wardle.Http.GetStringAsync($"/apis/wardle.example.com/v1beta1/namespaces/team-a/flunders/{name}"))!;
            var condition = flunder["status"]?["conditions"]?.AsArray().FirstOrDefault(c => (string?)c!["type"] == "ReferenceResolved");
            if ((string?)condition?["status"] == status)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{name} never got ReferenceResolved={status}: {flunder.ToJsonString()}\n{manager.Output.Tail()}");
            await Task.Delay(100);
        }
    }

    private async Task<JsonObject> WaitForEventAsync(string name, string reason)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        JsonObject? found;
        while ((found = cluster.Events.FirstOrDefault(e => (string?)e["involvedObject"]!["name"] == name && (string?)e["reason"] == reason)) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no {reason} event for {name}; events: {string.Join("\n", cluster.Events.Select(e => e.ToJsonString()))}");
            await Task.Delay(100);
        }

        return found;
    }

    private Task<string> WriteKubeconfigAsync(string user, string token) => TokenKubeconfig.WriteAsync(cluster, directory, user, token);
}
